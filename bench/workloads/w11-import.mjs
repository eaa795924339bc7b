// W11: the cost of importing each entry in a fresh Node process, next to memfs. Every sample is
// its own child process that times one `import()` (ESM) or `require()` (CommonJS) of a
// package name, so Node's own start-up is left out; formats and contenders are interleaved
// run by run, and the median per specifier is reported.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleName, distPaths, ENTRIES } from "../../scripts/entries.mjs";
import { median } from "../lib/measure.mjs";
import { emit, progress } from "../lib/report.mjs";

const RUNS = Number(process.env.BENCH_W11_RUNS ?? 15);
const root = fileURLToPath(new URL("../..", import.meta.url));

/** What each child loads: our entries by package name (self-reference), and references. */
const timed = ENTRIES.filter((e) => !e.runnerOnly).flatMap((entry) =>
  ["esm", "cjs"]
    .filter((format) => format === "esm" || !entry.esmOnly)
    .map((format) => ({
      key: `ours ${format} ${bundleName(entry)}`,
      format,
      specifier: entry.name ? `omnistorage-ts/${entry.name}` : "omnistorage-ts",
      file: join(root, distPaths(entry, format).js),
    })),
);
const references = ["esm", "cjs"].flatMap((format) =>
  ["memfs", "fast-check", "node:stream", "node:crypto"].map((name) => ({
    key: `${format} ${name}`,
    format,
    specifier: name,
  })),
);

/** Milliseconds one fresh process spends in importing `specifier`. */
function importMs({ format, specifier }) {
  const load =
    format === "esm"
      ? `await import(${JSON.stringify(specifier)})`
      : `require(${JSON.stringify(specifier)})`;
  const code = `const t = performance.now(); ${load}; console.log(performance.now() - t);`;
  const args = format === "esm" ? ["--input-type=module", "-e", code] : ["-e", code];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`W11 ${specifier} (${format}): ${run.stderr}`);
  return Number(run.stdout);
}

/** The files of our own that loading `file` reads: itself and its relative imports, recursively. */
function filesLoaded(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/(?:from\s*|import\s*|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    filesLoaded(join(dirname(file), m[1]), seen);
  }
  return seen;
}

const all = [...timed, ...references];
const samples = new Map(all.map((t) => [t.key, []]));
for (let run = 0; run < RUNS; run++) {
  if (run % 5 === 0) progress(`W11 run ${run + 1}/${RUNS}`);
  // A rotating order, so drift in the machine's load spreads over every specifier.
  for (let i = 0; i < all.length; i++) {
    const t = all[(i + run) % all.length];
    samples.get(t.key).push(importMs(t));
  }
}
const ms = (key) => median(samples.get(key));

const rows = timed.map((t) => ({
  id: "W11",
  metric: `import ${t.specifier} (${t.format === "esm" ? "ESM import" : "CommonJS require"}, ${filesLoaded(t.file).size} files; ms, lower is better)`,
  unit: "ms",
  values: {
    "omnistorage-ts": ms(t.key),
    memfs: ms(`${t.format} memfs`),
    unstorage: null,
    Map: null,
    tmpfs: null,
  },
  baseline: t.specifier.endsWith("/fast-check")
    ? { name: "fast-check alone", value: ms(`${t.format} fast-check`) }
    : ["node:stream", "node:crypto"].map((name) => ({
        name: `${name} alone`,
        value: ms(`${t.format} ${name}`),
      })),
}));
const worst = (format) =>
  timed.filter((t) => t.format === format).sort((a, b) => ms(b.key) - ms(a.key))[0];
emit({
  id: "W11",
  title: "import cost",
  rows,
  bars: ["esm", "cjs"].map((format) => {
    const t = worst(format);
    const ratio = ms(t.key) / ms(`${format} memfs`);
    return {
      id: "W11",
      text: `every entry's ${format === "esm" ? "ESM import" : "CommonJS require"} costs ≤ memfs's`,
      measured: `slowest ${t.specifier}: ${ms(t.key).toFixed(1)} ms vs memfs ${ms(`${format} memfs`).toFixed(1)} ms (${ratio.toFixed(2)}×)`,
      pass: ratio <= 1,
    };
  }),
  notes: [
    `W11: each sample is a fresh \`node\` process timing one \`await import(name)\` (ESM) or \`require(name)\` (CommonJS) with \`performance.now()\`, so Node's start-up is not counted; ${RUNS} runs, every specifier once per run in a rotating order; the median is reported. Our entries are imported by package name (the package's self-reference, through \`exports\`); "files" counts our own files that load (the entry bundle and its chunks). The vitest and jest entries load only inside their runners and are not timed here. The fast-check entry's time includes fast-check's own import (same-run reference).`,
  ],
});
