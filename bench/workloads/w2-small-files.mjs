// W2: write 10k × 1 KiB files spread over 100 directories, then read them all back.
import { ALL, dataset } from "../lib/contenders.mjs";
import { measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const FILES = 10_000;
const { files, dirNames } = dataset(FILES, 100, 1024);

progress("W2 write");
/** @type {Map<string, import("../lib/contenders.mjs").Store>} */
const fresh = new Map();
const writes = await measure(
  ALL.map((c) => ({
    name: c.name,
    batch: FILES,
    beforeEach: async () => fresh.set(c.name, await c.create()),
    fn: async () => {
      const s = fresh.get(c.name);
      await s.ensureDirs(dirNames);
      for (const [path, bytes] of files) await s.write(path, bytes);
    },
    afterEach: () => fresh.get(c.name)?.close(),
  })),
  { rounds: 3, time: 200, iterations: 2 },
);

progress("W2 read");
const seeded = new Map();
for (const c of ALL) {
  const s = await c.create();
  await s.seed(files);
  seeded.set(c.name, s);
}
let bytesRead = 0;
const reads = await measure(
  ALL.map((c) => ({
    name: c.name,
    batch: FILES,
    fn: async () => {
      const s = seeded.get(c.name);
      for (const [path] of files) bytesRead += (await s.read(path)).length;
    },
  })),
  { rounds: 3, time: 200, iterations: 3 },
);
for (const s of seeded.values()) await s.close();
if (bytesRead === 0) throw new Error("nothing was read");

const w = Object.fromEntries([...writes].map(([k, r]) => [k, r.opsPerSec]));
const r = Object.fromEntries([...reads].map(([k, v]) => [k, v.opsPerSec]));
emit({
  id: "W2",
  title: "small files",
  rows: [
    { id: "W2", metric: "write 10k × 1 KiB in 100 dirs (files/s)", unit: "ops/s", values: w },
    { id: "W2", metric: "read them back (files/s)", unit: "ops/s", values: r },
  ],
  bars: [
    {
      id: "W2",
      text: "write ≥ 15× memfs",
      measured: times(w["omnistorage-ts"] / w.memfs),
      pass: w["omnistorage-ts"] / w.memfs >= 15,
    },
    {
      id: "W2",
      text: "read ≥ 4× memfs",
      measured: times(r["omnistorage-ts"] / r.memfs),
      pass: r["omnistorage-ts"] / r.memfs >= 4,
    },
  ],
  notes: [
    "W2: one batch = a fresh store, the directories made where the contender needs them (memfs, tmpfs: `mkdir -p` of 100 dirs, inside the timing), then 10k awaited whole-file writes; reads are 10k awaited whole-file reads of a seeded store (`readFile` helper for omnistorage and Map, `promises.readFile` for memfs and tmpfs, `getItemRaw` for unstorage, which hands back its stored object without a copy).",
  ],
});
