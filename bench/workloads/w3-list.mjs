// W3: list one directory (100 files) in a store of 10k and of 100k files, with the files
// created directory by directory ("grouped") and round-robin over the directories.
import { ALL, dataset } from "../lib/contenders.mjs";
import { batchFor, measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const MAX_BATCH = 200; // lists per batch for fast contenders; slow ones get fewer

/**
 * Lists/s per contender at 10k and at 100k files for one layout. Both sizes are measured in the
 * same interleaved rounds, so a change of machine load cannot pass for growth.
 * @param {"grouped" | "round-robin"} layout
 */
async function listRates(layout) {
  const tasks = [];
  const stores = [];
  let hits = 0;
  for (const size of [10_000, 100_000]) {
    const dirs = size / 100;
    const { files, dirNames } = dataset(size, dirs, 16, layout);
    progress(`W3 seed ${size} files (${layout})`);
    for (const c of ALL) {
      const s = await c.create();
      await s.seed(files);
      stores.push(s);
      // A different directory each call, walking the whole key range.
      let next = 0;
      const listOne = async () => {
        hits += (await s.list(dirNames[(next++ * 37) % dirs])).length;
      };
      const batch = await batchFor(listOne, 20, MAX_BATCH);
      tasks.push({
        name: `${c.name}@${size}`,
        batch,
        fn: async () => {
          for (let i = 0; i < batch; i++) await listOne();
        },
      });
    }
  }
  progress(`W3 list (${layout})`);
  const m = await measure(tasks, { rounds: 4, time: 100, iterations: 3 });
  if (hits === 0) throw new Error("W3 listed nothing");
  for (const s of stores) await s.close();
  const at = (size) =>
    Object.fromEntries(ALL.map((c) => [c.name, m.get(`${c.name}@${size}`).opsPerSec]));
  return [at(10_000), at(100_000)];
}

const rows = [];
const growth = {};
for (const layout of ["grouped", "round-robin"]) {
  const [small, large] = await listRates(layout);
  // Time per list grows by (lists/s at 10k) / (lists/s at 100k).
  growth[layout] = Object.fromEntries(Object.keys(small).map((k) => [k, small[k] / large[k]]));
  rows.push(
    {
      id: "W3",
      metric: `list 1 dir (100 hits) among 10k files, ${layout} (lists/s)`,
      unit: "ops/s",
      values: small,
    },
    {
      id: "W3",
      metric: `list 1 dir (100 hits) among 100k files, ${layout} (lists/s)`,
      unit: "ops/s",
      values: large,
    },
    {
      id: "W3",
      metric: `time per list, 100k ÷ 10k, ${layout} (lower is better)`,
      unit: "x",
      values: growth[layout],
      noRatio: true,
    },
  );
}

const at100k = (layout) => rows.find((r) => r.metric.includes(`100k files, ${layout}`)).values;
const bars = [];
for (const layout of ["grouped", "round-robin"]) {
  const v = at100k(layout);
  bars.push(
    {
      id: "W3",
      text: `≥ 2× memfs at 100k (${layout})`,
      measured: times(v["omnistorage-ts"] / v.memfs),
      pass: v["omnistorage-ts"] / v.memfs >= 2,
    },
    {
      id: "W3",
      text: `time grows ≤ 1.5× from 10k to 100k (${layout})`,
      measured: `${times(growth[layout]["omnistorage-ts"])} (memfs ${times(growth[layout].memfs)})`,
      pass: growth[layout]["omnistorage-ts"] <= 1.5,
    },
  );
}
emit({
  id: "W3",
  title: "list one directory",
  rows,
  bars,
  notes: [
    'W3: files of 16 B in N/100 directories of 100 files; each call lists a different directory, walking the whole key range: `list("dNNNN/")`, memfs and tmpfs `readdir`, unstorage `getKeys("dNNNN")`, Map a scan of every key. "grouped": the store was filled directory by directory (as a seed tree written in path order is); "round-robin": file i went to directory i mod N/100, so a directory\'s files were created far apart in memory and a list touches scattered memory (cache misses grow with the store for every contender). Both sizes are measured in the same interleaved rounds (so the growth ratio is not a change of machine load); batches are sized per contender to about 20 ms.',
  ],
});
