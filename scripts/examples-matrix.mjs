// The examples however a big suite gets split: under each of Vitest's pools (forks, threads,
// vmThreads, vmForks, and forks without isolation, where files share one worker's modules),
// sharded in two halves under Vitest (`--shard=1/2`, `2/2`) and Jest, and under Jest's native
// ESM mode (examples/jest.esm.config.cjs, through the ESM build). Every run must pass
// the same tests as the plain run, and the two shards must split the files between them with
// none lost or run twice: no test depends on state left by another file or worker.
// Run after `npm run build` (`npm run examples:matrix` does both).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const examples = join(root, "examples");
const work = mkdtempSync(join(tmpdir(), "omnistorage-matrix-"));
const VITEST = [
  join(root, "node_modules/vitest/vitest.mjs"),
  "run",
  "--config",
  "examples/vitest.config.ts",
];
const JEST_BIN = join(root, "node_modules/jest/bin/jest.js");
const JEST = [JEST_BIN, "--config", "examples/jest.config.cjs", "--ci"];
let runs = 0;

/** Runs one configuration; returns "file > test" for each test, all of which must have passed. */
function results(label, args, reportFlags) {
  const report = join(work, `${++runs}.json`);
  const started = Date.now();
  const { status, stderr } = spawnSync(process.execPath, [...args, ...reportFlags(report)], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  let testResults;
  try {
    ({ testResults } = JSON.parse(readFileSync(report, "utf8")));
  } catch (err) {
    process.stderr.write(stderr);
    throw new Error(`${label}: exit code ${status}, no report`, { cause: err });
  }
  const passed = [];
  const failed = [];
  for (const file of testResults) {
    const name = relative(examples, file.name);
    if (file.assertionResults.length === 0) failed.push(`${name} (did not run: ${file.message})`);
    for (const t of file.assertionResults) {
      // test.prop puts its random seed in the name; the test is the same whatever the seed.
      const id = `${name} > ${t.fullName ?? t.title}`.replace(/ \(with seed=-?\d+\)$/, "");
      if (t.status === "passed") passed.push(id);
      else failed.push(`${id} (${t.status}): ${t.failureMessages?.[0]?.split("\n")[0] ?? ""}`);
    }
  }
  if (status !== 0 || failed.length > 0) {
    process.stderr.write(stderr);
    throw new Error(`${label}: exit code ${status}; failed:\n  ${failed.join("\n  ")}`);
  }
  console.log(
    `${label}: ${passed.length} tests in ${testResults.length} files passed (${Date.now() - started} ms)`,
  );
  return { files: testResults.map((f) => relative(examples, f.name)), tests: passed.sort() };
}

const vitest = (label, ...flags) =>
  results(`vitest ${label}`, [...VITEST, ...flags], (out) => [
    "--reporter=json",
    `--outputFile=${out}`,
  ]);
const jest = (label, ...flags) =>
  results(`jest ${label}`, [...JEST, ...flags], (out) => ["--json", `--outputFile=${out}`]);

/** Same tests passed as in the plain run. */
function expectSameTests(label, got, want) {
  const missing = want.tests.filter((t) => !got.tests.includes(t));
  const extra = got.tests.filter((t) => !want.tests.includes(t));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${label}: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
  }
}

/** Both halves ran something, no file ran in both, and together they ran the plain run's tests. */
function expectShardsSplit(label, halves, whole) {
  const [first, second] = halves;
  const both = first.files.filter((f) => second.files.includes(f));
  if (first.files.length === 0 || second.files.length === 0 || both.length > 0) {
    throw new Error(
      `${label}: shards ${JSON.stringify(first.files)} and ${JSON.stringify(second.files)}`,
    );
  }
  expectSameTests(
    `${label} (both shards)`,
    { tests: [...first.tests, ...second.tests].sort() },
    whole,
  );
}

try {
  const plain = vitest("(forks, the default)");
  for (const pool of ["threads", "vmThreads", "vmForks"]) {
    expectSameTests(pool, vitest(`--pool=${pool}`, `--pool=${pool}`), plain);
  }
  expectSameTests(
    "--no-isolate",
    vitest("--no-isolate (files share a worker)", "--no-isolate"),
    plain,
  );
  expectShardsSplit(
    "vitest --shard",
    [vitest("--shard=1/2", "--shard=1/2"), vitest("--shard=2/2", "--shard=2/2")],
    plain,
  );

  const jestPlain = jest("(workers)");
  // Jest's native ESM mode runs the same tests through the ESM build.
  const esmMode = results(
    "jest ESM mode (--experimental-vm-modules)",
    [
      "--experimental-vm-modules",
      "--disable-warning=ExperimentalWarning",
      JEST_BIN,
      "--config",
      "examples/jest.esm.config.cjs",
      "--ci",
    ],
    (out) => ["--json", `--outputFile=${out}`],
  );
  // In ESM mode jest.mock is not hoisted: jest-esm/ holds the unstable_mockModule twins of the
  // CommonJS-only suites in jest/, so a twin counts as the suite it stands in for.
  const asTwin = (t) => t.replace(/^jest-esm\//, "jest/");
  expectSameTests("jest ESM mode", { ...esmMode, tests: esmMode.tests.map(asTwin) }, jestPlain);
  expectShardsSplit(
    "jest --shard",
    [jest("--shard=1/2", "--shard=1/2"), jest("--shard=2/2", "--shard=2/2")],
    jestPlain,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
