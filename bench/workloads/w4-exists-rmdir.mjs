// W4: exists (half hits, half misses) and rmdir of an empty directory, among 100k files.
import { ALL, dataset } from "../lib/contenders.mjs";
import { measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const SIZE = 100_000;
const CALLS = 1000;
const RMDIRS = 100;
const { files, pathOf } = dataset(SIZE, SIZE / 100, 16);

progress(`W4 seed ${SIZE} files`);
const stores = new Map();
for (const c of ALL) {
  const s = await c.create();
  await s.seed(files);
  stores.set(c.name, s);
}

progress("W4 exists");
let found = 0;
const probes = Array.from({ length: CALLS }, (_, i) => {
  const hit = pathOf((i * 7919) % SIZE);
  return i % 2 ? hit : hit.replace("/f", "/missing-f");
});
const exists = await measure(
  ALL.map((c) => ({
    name: c.name,
    batch: CALLS,
    fn: async () => {
      const s = stores.get(c.name);
      for (const p of probes) if (await s.exists(p)) found++;
    },
  })),
  { rounds: 3, time: 200, iterations: 3 },
);
if (found === 0) throw new Error("W4 found nothing");

progress("W4 exists, both spellings on one store");
// The same probes with and without one leading `/`, on our store, side by side: the spelling
// a user writes must cost what ours costs. Each path is built per call from its folder and
// name, as code that computes paths does (a string reused across calls compares faster in V8
// than any freshly made one, so reusing the plain probes would flatter the plain spelling).
const backend = stores.get("omnistorage-ts").backend;
const parts = probes.map((p) => {
  const bare = p.startsWith("/") ? p.slice(1) : p;
  const cut = bare.lastIndexOf("/");
  return [bare.slice(0, cut), bare.slice(cut + 1)];
});
const spellings = await measure(
  [
    ["plain", (dir, name) => `${dir}/${name}`],
    ["leading slash", (dir, name) => `/${dir}/${name}`],
  ].map(([name, spellPath]) => ({
    name,
    batch: CALLS,
    fn: async () => {
      for (const [dir, file] of parts) if (await backend.exists(spellPath(dir, file))) found++;
    },
  })),
  { rounds: 3, time: 200, iterations: 3 },
);
const slashRatio = spellings.get("leading slash").opsPerSec / spellings.get("plain").opsPerSec;

progress("W4 rmdir");
// Each batch removes RMDIRS empty directories made (untimed) just before it.
const empties = Array.from({ length: RMDIRS }, (_, i) => `empty/e${i}`);
const withRmdir = ALL.filter((c) => stores.get(c.name).rmdir);
const rmdir = await measure(
  withRmdir.map((c) => ({
    name: c.name,
    batch: RMDIRS,
    beforeEach: async () => {
      const s = stores.get(c.name);
      for (const dir of empties) await s.mkdir(dir);
    },
    fn: async () => {
      const s = stores.get(c.name);
      for (const dir of empties) await s.rmdir(dir);
    },
  })),
  { rounds: 3, time: 200, iterations: 3 },
);
for (const s of stores.values()) await s.close();

const e = Object.fromEntries([...exists].map(([k, r]) => [k, r.opsPerSec]));
const r = Object.fromEntries(ALL.map((c) => [c.name, rmdir.get(c.name)?.opsPerSec ?? null]));
emit({
  id: "W4",
  title: "exists and rmdir among 100k files",
  rows: [
    { id: "W4", metric: "exists, half hits, among 100k files (calls/s)", unit: "ops/s", values: e },
    {
      id: "W4",
      metric:
        "exists with a leading `/` ÷ the same paths without, each built per call, our store (higher is better)",
      unit: "x",
      noRatio: true,
      values: {
        "omnistorage-ts": slashRatio,
        memfs: null,
        unstorage: null,
        Map: null,
        tmpfs: null,
      },
    },
    {
      id: "W4",
      metric: "rmdir of an empty dir among 100k files (calls/s)",
      unit: "ops/s",
      values: r,
    },
  ],
  bars: [
    {
      id: "W4",
      text: "exists ≥ 20× memfs",
      measured: times(e["omnistorage-ts"] / e.memfs),
      pass: e["omnistorage-ts"] / e.memfs >= 20,
    },
    {
      id: "W4",
      text: "exists with a leading `/` within 10% of the same paths without",
      measured: `${times(slashRatio)} (${Math.round(spellings.get("leading slash").opsPerSec)} vs ${Math.round(spellings.get("plain").opsPerSec)} calls/s)`,
      pass: slashRatio >= 0.9,
    },
    {
      id: "W4",
      text: "rmdir ≥ 1× memfs",
      measured: times(r["omnistorage-ts"] / r.memfs),
      pass: r["omnistorage-ts"] / r.memfs >= 1,
    },
  ],
  notes: [
    "W4: exists is `exists()` (omnistorage, Map), `hasItem()` (unstorage) and `promises.access()` mapped to a boolean (memfs, tmpfs; a miss costs them an error object). rmdir removes 100 empty directories per batch, made untimed just before; unstorage has no directories (n/a); the Map baseline scans every key to check emptiness.",
  ],
});
