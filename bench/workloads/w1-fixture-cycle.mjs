// W1: the fixture cycle — create a store, write one 64 B file, close it.
import { writeFile as fsWriteFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Volume } from "memfs";
import { createStorage } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";
import { writeFile } from "../../dist/esm/index.js";
import { MemoryBackend } from "../../dist/esm/memory.js";
import { SPELLING, spell, TMPFS } from "../lib/contenders.mjs";
import { MapBaseline } from "../lib/map-baseline.mjs";
import { measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const data = new Uint8Array(64).fill(0x61);
// The file, and the folders node:fs and memfs must make first, in this run's spelling.
const DIR = SPELLING === "slash-deep" ? "a/b/c/d" : "";
const FILE = DIR ? `${DIR}/f.txt` : "f.txt";

/** One task per contender; each call runs `batch` complete cycles, written as users write them. */
const cycles = {
  "omnistorage-ts": async () => {
    const b = new MemoryBackend();
    await writeFile(b, spell(FILE), data);
    await b.close();
  },
  memfs: async () => {
    const vol = new Volume();
    if (DIR) await vol.promises.mkdir(`/${DIR}`, { recursive: true });
    await vol.promises.writeFile(`/${FILE}`, data);
    vol.reset();
  },
  unstorage: async () => {
    const s = createStorage({ driver: memoryDriver() });
    await s.setItemRaw(spell(FILE), data);
    await s.dispose();
  },
  Map: async () => {
    const m = new MapBaseline();
    await writeFile(m, spell(FILE), data);
    await m.close();
  },
  tmpfs: async () => {
    const dir = await mkdtemp(join(TMPFS, "omnistorage-bench-"));
    if (DIR) await mkdir(join(dir, DIR), { recursive: true });
    await fsWriteFile(join(dir, FILE), data);
    await rm(dir, { recursive: true, force: true });
  },
};

const tasks = Object.entries(cycles).map(([name, cycle]) => {
  const batch = name === "tmpfs" ? 100 : 1000;
  return {
    name,
    batch,
    fn: async () => {
      for (let i = 0; i < batch; i++) await cycle();
    },
  };
});

progress("W1 fixture cycle");
const m = await measure(tasks, { rounds: 4, time: 300, iterations: 3 });
const v = Object.fromEntries([...m].map(([k, r]) => [k, r.opsPerSec]));
const vsMemfs = v["omnistorage-ts"] / v.memfs;
const vsMap = v["omnistorage-ts"] / v.Map;
emit({
  id: "W1",
  title: "fixture cycle",
  rows: [{ id: "W1", metric: "create + write 64 B + close (cycles/s)", unit: "ops/s", values: v }],
  bars: [
    { id: "W1", text: "≥ 50× memfs", measured: times(vsMemfs), pass: vsMemfs >= 50 },
    { id: "W1", text: "≥ 0.5× the Map baseline", measured: times(vsMap), pass: vsMap >= 0.5 },
  ],
  notes: [
    "W1: each contender's own create/write/close: `new MemoryBackend()` + `writeFile` + `close()`; `new Volume()` + `promises.writeFile` + `reset()`; `createStorage(memory)` + `setItemRaw` + `dispose()`; `new MapBaseline()` + `writeFile` + `close()`; tmpfs `mkdtemp` + `writeFile` + `rm -r`. Batches of 1,000 cycles (100 on tmpfs).",
  ],
});
