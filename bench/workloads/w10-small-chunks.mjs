// W10: what a file written in small chunks holds in memory, relative to its size: 16 B chunks
// (a CSV writer writing cell by cell) and 1 B chunks. Run with --expose-gc (bench/run.mjs does).
import { Volume } from "memfs";
import { MemoryBackend } from "../../dist/esm/memory.js";
import { MapBaseline } from "../lib/map-baseline.mjs";
import { emit, progress } from "../lib/report.mjs";

if (typeof globalThis.gc !== "function") throw new Error("W10 needs node --expose-gc");

/** File size per chunk size: a 1 B-chunk file is smaller, so one run stays within seconds. */
const CASES = [
  { chunk: 16, size: 256 * 1024 },
  { chunk: 1, size: 32 * 1024 },
];
/** Files per measurement: the per-file footprint is averaged over several. */
const FILES = 8;

function settle() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Writers of one store shape: open, write every chunk (awaited), close. */
const contenders = {
  "omnistorage-ts": () => {
    const b = new MemoryBackend();
    return { store: b, open: (p) => b.newWriter(p) };
  },
  memfs: () => {
    const vol = new Volume();
    return {
      store: vol,
      open: async (p) => {
        const fh = await vol.promises.open(`/${p}`, "w");
        return { write: (c) => fh.write(c), close: () => fh.close() };
      },
    };
  },
  Map: () => {
    const m = new MapBaseline();
    return { store: m, open: (p) => m.newWriter(p) };
  },
};

/**
 * Heap plus external bytes the store holds per byte stored, after full GCs; the chunks are
 * made (one fresh Uint8Array each, as a writer's caller makes them) inside the window.
 */
async function held(make, { chunk, size }) {
  let s = make();
  const before = settle();
  for (let f = 0; f < FILES; f++) {
    const w = await s.open(`f${f}.csv`);
    for (let i = 0; i < size; i += chunk)
      await w.write(new Uint8Array(chunk).fill(0x30 + (i % 10)));
    await w.close();
  }
  const after = settle();
  const ratio = (after - before) / (FILES * size);
  // Kept alive until measured; released after.
  s.store = undefined;
  s = undefined;
  return ratio;
}

const values = {};
for (const c of CASES) {
  values[c.chunk] = {
    "omnistorage-ts": null,
    memfs: null,
    unstorage: null,
    Map: null,
    tmpfs: null,
  };
  for (const [name, make] of Object.entries(contenders)) {
    progress(`W10 ${c.chunk} B chunks: ${name}`);
    values[c.chunk][name] = await held(make, c);
  }
}

emit({
  id: "W10",
  title: "memory held by a file written in small chunks",
  rows: CASES.map((c) => ({
    id: "W10",
    metric: `memory held ÷ file size, ${c.size / 1024} KiB written in ${c.chunk} B chunks (× its size, lower is better)`,
    unit: "x",
    values: values[c.chunk],
  })),
  bars: CASES.map((c) => ({
    id: "W10",
    text: `a file written in ${c.chunk} B chunks holds ≤ 2× its size`,
    measured: `${values[c.chunk]["omnistorage-ts"].toFixed(1)}× (memfs ${values[c.chunk].memfs.toFixed(1)}×)`,
    pass: values[c.chunk]["omnistorage-ts"] <= 2,
  })),
  notes: [
    `W10: ${FILES} files per case, each written through a writer (ours, the Map fake) or a memfs file handle, one awaited \`write\` per chunk with a fresh Uint8Array per chunk; the heap plus external memory after full GCs (\`--expose-gc\`), less the same before, divided by the bytes stored. unstorage has no streaming writes (n/a).`,
  ],
});
