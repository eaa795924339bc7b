// W7: memory per stored 100 B file, 100k files. Run with --expose-gc (bench/run.mjs does).
import { dataset, inParallel, map, memfs, ours, unstorage } from "../lib/contenders.mjs";
import { emit, progress } from "../lib/report.mjs";

const FILES = 100_000;
const SIZE = 100;
if (typeof globalThis.gc !== "function") throw new Error("W7 needs node --expose-gc");
const { pathOf, dirNames } = dataset(0, FILES / 100, SIZE);
const content = new Uint8Array(SIZE).fill(0x2a);

function settle() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage();
}

/**
 * Bytes per file a contender holds once 100k files are stored, as seen by V8 after full GCs.
 * Paths are built inside the window, so whatever strings a store keeps are counted.
 */
async function footprint(contender) {
  let store = await contender.create();
  const before = settle();
  // unstorage keeps the caller's object, so it gets a fresh buffer per file; the others copy.
  const fresh = contender === unstorage;
  await store.ensureDirs(dirNames);
  await inParallel(
    Array.from({ length: FILES }, (_, i) => i),
    1,
    (i) => store.write(pathOf(i), fresh ? content.slice() : content),
  );
  const after = settle();
  const per = (key) => (after[key] - before[key]) / FILES;
  const result = {
    heap: per("heapUsed"),
    external: per("external"),
    arrayBuffers: per("arrayBuffers"),
  };
  await store.close();
  store = undefined;
  return result;
}

const results = {};
for (const c of [ours, memfs, unstorage, map]) {
  progress(`W7 ${c.name}`);
  results[c.name] = await footprint(c);
}
const pick = (key) => ({
  "omnistorage-ts": results["omnistorage-ts"][key],
  memfs: results.memfs[key],
  unstorage: results.unstorage[key],
  Map: results.Map[key],
  tmpfs: null,
});
const heap = results["omnistorage-ts"].heap;
emit({
  id: "W7",
  title: "memory per 100 B file",
  rows: [
    {
      id: "W7",
      metric: "V8 heap per stored 100 B file (B, lower is better)",
      unit: "B/file",
      values: pick("heap"),
    },
    {
      id: "W7",
      metric: "external memory per file (B, lower is better)",
      unit: "B/file",
      values: pick("external"),
    },
    {
      id: "W7",
      metric: "of which ArrayBuffer bytes per file (B)",
      unit: "B/file",
      values: pick("arrayBuffers"),
    },
  ],
  bars: [
    {
      id: "W7",
      text: "≤ 500 B heap per file (memfs ~1,770)",
      measured: `${heap.toFixed(0)} B heap + ${results["omnistorage-ts"].external.toFixed(0)} B external (memfs ${results.memfs.heap.toFixed(0)} + ${results.memfs.external.toFixed(0)})`,
      pass: heap <= 500,
    },
  ],
  notes: [
    "W7: `process.memoryUsage()` after four forced GCs, before and after storing 100k files of 100 B through each contender's awaited whole-file write, divided by 100k. Paths are built inside that window, so the strings a store keeps count. The heap figure is what the bar asks; the external figure (ArrayBuffer contents and their allocator bookkeeping outside the V8 heap) is the rest of the bill. tmpfs keeps files in kernel memory (n/a).",
  ],
});
