// `npm run bench` (after the build): runs each workload in a process of its own, prints one
// table of every contender with its ratio to memfs and every bar with PASS/FAIL, and, when all
// workloads ran, writes bench/RESULTS.md. `node bench/run.mjs W3 W6` runs just those (and
// leaves RESULTS.md alone).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { barsTable, parseResult, resultsTable } from "./lib/report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// `paths: false`: the workload names no stored paths the spelling could change (W6 streams one
// file, W9 runs generated suites, W10 one file per chunk size, W11 imports).
const WORKLOADS = [
  { id: "W1", file: "w1-fixture-cycle.mjs" },
  { id: "W2", file: "w2-small-files.mjs" },
  { id: "W3", file: "w3-list.mjs" },
  { id: "W4", file: "w4-exists-rmdir.mjs" },
  { id: "W5", file: "w5-copy-move.mjs" },
  { id: "W6", file: "w6-big-file.mjs", paths: false },
  { id: "W7", file: "w7-heap-per-file.mjs", node: ["--expose-gc"] },
  { id: "W8", file: "w8-snapshot-restore.mjs" },
  { id: "W9", file: "w9-vitest-suite.mjs", paths: false },
  { id: "W10", file: "w10-small-chunks.mjs", node: ["--expose-gc"], paths: false },
  { id: "W11", file: "w11-import.mjs", paths: false },
];

/** The path spellings (bench/lib/contenders.mjs) and the label the second one's rows carry. */
const SPELLINGS = [
  { env: "plain", label: "" },
  { env: "slash-deep", label: " [paths /d/a/b/c/f]" },
];

const wanted = process.argv.slice(2).map((a) => a.toUpperCase());
const unknown = wanted.filter((id) => !WORKLOADS.some((w) => w.id === id));
if (unknown.length > 0) {
  console.error(
    `unknown workload ${unknown.join(", ")}; pick from ${WORKLOADS.map((w) => w.id).join(" ")}`,
  );
  process.exit(2);
}
const selected = wanted.length ? WORKLOADS.filter((w) => wanted.includes(w.id)) : WORKLOADS;

// The tmpfs contender works below one folder per run, removed at the end whatever happens.
const shm = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const scratch = join(shm, `omnistorage-bench-${process.pid}`);
await mkdir(scratch, { recursive: true });

/**
 * Runs one workload file in a fresh Node process.
 * @returns {Promise<import("./lib/report.mjs").WorkloadResult | undefined>}
 */
function runWorkload(w, spelling) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...(w.node ?? []), join(root, "bench/workloads", w.file)],
      {
        cwd: root,
        env: { ...process.env, BENCH_TMPFS: scratch, BENCH_PATHS: spelling.env },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text) => {
      out += text;
    });
    child.on("close", (code) => {
      const result = parseResult(out);
      if (code !== 0 || !result) console.error(`${w.id} failed (exit ${code})`);
      if (result && spelling.label) {
        for (const row of result.rows) row.metric += spelling.label;
        for (const bar of result.bars) bar.text += spelling.label;
        result.notes = [];
      }
      resolve(code === 0 ? result : undefined);
    });
  });
}

const started = new Date();
const loadBefore = loadavg();
const t0 = performance.now();
const results = [];
const failed = [];
try {
  for (const w of selected) {
    for (const spelling of w.paths === false ? SPELLINGS.slice(0, 1) : SPELLINGS) {
      console.error(`${w.id} (${w.file}) paths: ${spelling.env}`);
      const t = performance.now();
      const result = await runWorkload(w, spelling);
      console.error(`${w.id} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
      if (result) results.push(result);
      else failed.push(`${w.id} (${spelling.env})`);
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
const seconds = (performance.now() - t0) / 1000;
const loadAfter = loadavg();

const table = resultsTable(results);
const bars = barsTable(results);
console.log(`\n${table}\n\n${bars}\n`);
const fails = results.flatMap((r) => r.bars).filter((b) => !b.pass);
console.log(
  `${results.flatMap((r) => r.bars).length - fails.length} bars PASS, ${fails.length} FAIL` +
    (failed.length ? `; workloads that did not finish: ${failed.join(", ")}` : ""),
);

if (wanted.length === 0 && failed.length === 0) {
  const load = (l) => l.map((x) => x.toFixed(2)).join(" ");
  const cpu = cpus();
  const md = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.mjs); do not edit by hand.",
    "",
    `- Date: ${started.toISOString()}`,
    `- Command: \`npm run bench\` (= \`npm run build && node bench/run.mjs\`), ${seconds.toFixed(0)} s`,
    `- Node ${process.version} on ${process.platform}/${process.arch}; CPU: ${cpu.length} × ${cpu[0]?.model ?? "unknown"}`,
    `- Load average (1/5/15 min) at the start: ${load(loadBefore)}; at the end: ${load(loadAfter)}. The machine is shared, so absolute numbers wander; ratios come from contenders measured in the same process, interleaved round by round.`,
    `- tmpfs contender: \`node:fs/promises\` under ${shm}`,
    "",
    "Each cell is the median over all measured batches (tinybench, several interleaved rounds), with its ratio to memfs in brackets (for B/file and seconds, lower is better; for the rest higher).",
    "",
    table,
    "",
    "## Bars",
    "",
    bars,
    "",
    "## How each workload was run",
    "",
    "- Contenders: omnistorage's `MemoryBackend` (dist/esm), memfs `new Volume()` through its promises API, unstorage `createStorage()` with the memory driver, a plain `Map` baseline (bench/lib/map-baseline.mjs: the thinnest fake of the Backend interface — a Map of copied chunks behind async `newWriter`/`write`/`close`/`newReader`/`read`, no validation, directories, timestamps or journal, `list`/`rmdir` scan every key), and the real file system on tmpfs.",
    ...results.flatMap((r) => r.notes.map((n) => `- ${n}`)),
    "",
  ].join("\n");
  await writeFile(join(root, "bench/RESULTS.md"), md);
  console.log("wrote bench/RESULTS.md");
}
process.exitCode = failed.length ? 1 : 0;
