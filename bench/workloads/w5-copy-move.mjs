// W5: copy, and separately move, 10k × 1 KiB files into other directories.
import { ALL, dataset } from "../lib/contenders.mjs";
import { measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const FILES = 10_000;
const { files, dirNames } = dataset(FILES, 100, 1024);
const targets = files.map(([p]) => `to/${p}`);
const targetDirs = dirNames.map((d) => `to/${d}`);

/**
 * One metric: every batch gets a freshly seeded store (untimed, destination directories
 * included) and then `op`s all 10k files.
 * @param {"copy" | "move"} op
 */
async function run(op) {
  const live = new Map();
  return measure(
    ALL.map((c) => ({
      name: c.name,
      batch: FILES,
      beforeEach: async () => {
        const s = await c.create();
        await s.seed(files);
        await s.ensureDirs(targetDirs);
        live.set(c.name, s);
      },
      fn: async () => {
        const s = live.get(c.name);
        for (let i = 0; i < FILES; i++) await s[op](files[i][0], targets[i]);
      },
      afterEach: () => live.get(c.name).close(),
    })),
    { rounds: 2, time: 150, iterations: 2 },
  );
}

progress("W5 copy");
const copy = await run("copy");
progress("W5 move");
const move = await run("move");

const c = Object.fromEntries([...copy].map(([k, r]) => [k, r.opsPerSec]));
const m = Object.fromEntries([...move].map(([k, r]) => [k, r.opsPerSec]));
emit({
  id: "W5",
  title: "copy and move",
  rows: [
    { id: "W5", metric: "copy 10k × 1 KiB files (files/s)", unit: "ops/s", values: c },
    { id: "W5", metric: "move 10k × 1 KiB files (files/s)", unit: "ops/s", values: m },
  ],
  bars: [
    {
      id: "W5",
      text: "copy ≥ 10× memfs",
      measured: times(c["omnistorage-ts"] / c.memfs),
      pass: c["omnistorage-ts"] / c.memfs >= 10,
    },
    {
      id: "W5",
      text: "move ≥ 10× memfs",
      measured: times(m["omnistorage-ts"] / m.memfs),
      pass: m["omnistorage-ts"] / m.memfs >= 10,
    },
  ],
  notes: [
    "W5: `copy`/`move` (omnistorage, Map), `promises.copyFile`/`rename` (memfs, tmpfs), `getItemRaw` + `setItemRaw` (+ `removeItem` for a move) on unstorage. The source store is re-seeded, untimed, before every batch.",
  ],
});
