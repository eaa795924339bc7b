// W8: a 10k-file seed reset before every test: restore() of a snapshot vs seeding again.

import * as fsp from "node:fs/promises";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Volume } from "memfs";
import { createStorage, restoreSnapshot, snapshot } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";
import { MemoryBackend } from "../../dist/esm/memory.js";
import { dataset, inParallel, TMPFS } from "../lib/contenders.mjs";
import { measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const FILES = 10_000;
const { files, dirNames } = dataset(FILES, 100, 0);
const text = "x".repeat(100);
/** The seed as users write it: path → text. */
const tree = Object.fromEntries(files.map(([p]) => [p, text]));
const testFile = { "test-output.txt": "written by the test" };

progress("W8 prepare");
// omnistorage: seeded once, snapshot once; each test restores, then writes its own file.
const ours = MemoryBackend.from(tree);
const checkpoint = ours.snapshot();
// memfs: the seed as a JSON tree, re-applied to a reset volume.
const vol = new Volume();
const memfsTree = Object.fromEntries(Object.entries(tree).map(([p, t]) => [`/${p}`, t]));
// unstorage: its own snapshot()/restoreSnapshot() helpers over a cleared storage.
const storage = createStorage({ driver: memoryDriver() });
for (const [p, t] of Object.entries(tree)) await storage.setItem(p, t);
const unstorageSnapshot = await snapshot(storage, "");
// Map: a copy of the seeded Map per test.
const seedMap = new Map(Object.entries(tree).map(([p, t]) => [p, [new TextEncoder().encode(t)]]));
let liveMap = new Map();
// tmpfs: a template directory copied into place per test.
const template = await mkdtemp(join(TMPFS, "omnistorage-bench-"));
for (const d of dirNames) await fsp.mkdir(join(template, d), { recursive: true });
await inParallel(Object.entries(tree), 32, ([p, t]) => fsp.writeFile(join(template, p), t));
const live = join(TMPFS, `omnistorage-bench-live-${process.pid}`);

const TESTS = 1000;
const tasks = [
  {
    name: "omnistorage-ts",
    batch: TESTS,
    fn: () => {
      for (let i = 0; i < TESTS; i++) {
        ours.restore(checkpoint);
        ours.load(testFile);
      }
    },
  },
  {
    name: "omnistorage re-seed",
    batch: 1,
    fn: () => {
      MemoryBackend.from(tree).load(testFile);
    },
  },
  {
    name: "memfs",
    batch: 1,
    fn: () => {
      vol.reset();
      vol.fromJSON(memfsTree);
      vol.writeFileSync("/test-output.txt", testFile["test-output.txt"]);
    },
  },
  {
    name: "unstorage",
    batch: 1,
    fn: async () => {
      await storage.clear();
      await restoreSnapshot(storage, unstorageSnapshot);
      await storage.setItem("test-output.txt", testFile["test-output.txt"]);
    },
  },
  {
    name: "Map",
    batch: 1,
    fn: () => {
      liveMap = new Map(seedMap);
      liveMap.set("test-output.txt", [new TextEncoder().encode(testFile["test-output.txt"])]);
    },
  },
  {
    name: "tmpfs",
    batch: 1,
    fn: async () => {
      await rm(live, { recursive: true, force: true });
      await cp(template, live, { recursive: true });
      await fsp.writeFile(join(live, "test-output.txt"), testFile["test-output.txt"]);
    },
  },
];
progress("W8 reset per test");
const m = await measure(tasks, { rounds: 2, time: 150, iterations: 1, warmup: 1 });
await rm(live, { recursive: true, force: true });
await rm(template, { recursive: true, force: true });
if (liveMap.size !== FILES + 1) throw new Error("W8 Map baseline lost its seed");

const v = (name) => m.get(name)?.opsPerSec ?? Number.NaN;
const values = Object.fromEntries(
  ["omnistorage-ts", "memfs", "unstorage", "Map", "tmpfs"].map((c) => [c, v(c)]),
);
const reseed = v("omnistorage re-seed");
const speedup = values["omnistorage-ts"] / reseed;
emit({
  id: "W8",
  title: "reset a 10k-file seed per test",
  rows: [
    {
      id: "W8",
      metric: "reset to a 10k-file seed + write 1 file, per test (tests/s)",
      unit: "ops/s",
      values,
      baseline: { name: "omnistorage re-seed", value: reseed },
    },
  ],
  bars: [
    {
      id: "W8",
      text: "restore ≥ 100× faster than re-seeding",
      measured: `${times(speedup)} (${Math.round(values["omnistorage-ts"])} vs ${reseed.toFixed(1)} tests/s)`,
      pass: speedup >= 100,
    },
  ],
  notes: [
    "W8: each test resets the store to a seed of 10k files of 100 B and then writes one file. omnistorage: `restore(checkpoint)` of a `snapshot()` taken once (the same-run reference re-seeds with `MemoryBackend.from(tree)` instead); memfs: `vol.reset()` + `vol.fromJSON(tree)`; unstorage: `clear()` + `restoreSnapshot()` of its `snapshot()`; Map: `new Map(seed)`; tmpfs: `rm -r` + `cp -r` of a template directory.",
  ],
});
