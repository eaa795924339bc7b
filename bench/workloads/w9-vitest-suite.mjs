// W9: a real Vitest run of 2,000 tiny tests, each with a fresh store: useMemoryBackend() vs the
// same suite on memfs (`vol.reset()` after each test) and on a tmpfs temp dir per test. The
// suites are generated into a temp folder and run by the Vitest CLI in child processes; the
// wall time of each process is the measure (median of interleaved repeats).
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TMPFS } from "../lib/contenders.mjs";
import { median } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const FILES = 4;
const TESTS_PER_FILE = 500;
const REPEATS = 3;
const repo = fileURLToPath(new URL("../..", import.meta.url));
const vitestBin = join(repo, "node_modules/vitest/vitest.mjs");
const dist = (p) => join(repo, "dist/esm", `${p}.js`);

/** The body every test runs: write a small file into a folder, read it back, compare. */
const suites = {
  "omnistorage-ts": {
    head: [
      'import { expect, test } from "vitest";',
      'import { readText, writeFile } from "omnistorage-ts";',
      'import { useMemoryBackend } from "omnistorage-ts/vitest";',
      "const backend = useMemoryBackend();",
    ],
    body: (i) => [
      `await writeFile(backend, "out/${i}.txt", "hello ${i}");`,
      `expect(await readText(backend, "out/${i}.txt")).toBe("hello ${i}");`,
    ],
  },
  memfs: {
    head: [
      'import { vol } from "memfs";',
      'import { afterEach, expect, test } from "vitest";',
      "afterEach(() => vol.reset());",
    ],
    body: (i) => [
      'await vol.promises.mkdir("/out", { recursive: true });',
      `await vol.promises.writeFile("/out/${i}.txt", "hello ${i}");`,
      `expect(await vol.promises.readFile("/out/${i}.txt", "utf8")).toBe("hello ${i}");`,
    ],
  },
  tmpfs: {
    head: [
      'import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";',
      'import { join } from "node:path";',
      'import { afterEach, beforeEach, expect, test } from "vitest";',
      "let dir;",
      `beforeEach(async () => { dir = await mkdtemp(join(${JSON.stringify(TMPFS)}, "w9-")); });`,
      "afterEach(() => rm(dir, { recursive: true, force: true }));",
    ],
    body: (i) => [
      'await mkdir(join(dir, "out"), { recursive: true });',
      `await writeFile(join(dir, "out/${i}.txt"), "hello ${i}");`,
      `expect(await readFile(join(dir, "out/${i}.txt"), "utf8")).toBe("hello ${i}");`,
    ],
  },
  // Vitest's own floor: the same 2,000 tests with no store at all (a Map per test).
  "no fixture": {
    head: [
      'import { beforeEach, expect, test } from "vitest";',
      "let files;",
      "beforeEach(() => { files = new Map(); });",
    ],
    body: (i) => [
      `files.set("out/${i}.txt", "hello ${i}");`,
      `expect(files.get("out/${i}.txt")).toBe("hello ${i}");`,
    ],
  },
};

const base = join(TMPFS, `omnistorage-bench-w9-${process.pid}`);
await rm(base, { recursive: true, force: true });
await mkdir(base, { recursive: true });
// Bare imports (vitest, memfs) resolve through the repository's node_modules.
await symlink(join(repo, "node_modules"), join(base, "node_modules"), "dir");

/** Writes one suite's folder: FILES test files of TESTS_PER_FILE tests and a Vitest config. */
async function generate(name, { head, body }) {
  const dir = join(base, name.replace(/\W+/g, "-"));
  await mkdir(dir);
  for (let f = 0; f < FILES; f++) {
    const tests = [];
    for (let t = 0; t < TESTS_PER_FILE; t++) {
      const i = f * TESTS_PER_FILE + t;
      tests.push(`test("t${i}", async () => {\n  ${body(i).join("\n  ")}\n});`);
    }
    await writeFile(join(dir, `s${f}.test.js`), `${head.join("\n")}\n\n${tests.join("\n")}\n`);
  }
  const config = `export default {
  resolve: {
    alias: [
      { find: /^omnistorage-ts$/, replacement: ${JSON.stringify(dist("index"))} },
      { find: /^omnistorage-ts\\/vitest$/, replacement: ${JSON.stringify(dist("vitest"))} },
    ],
  },
  test: {
    root: ${JSON.stringify(dir)},
    include: ["*.test.js"],
    // An installed package lives in node_modules, which Vitest runs natively (externalized);
    // the aliases above point into the repository instead, so say the same for dist/.
    server: { deps: { external: [/\\/dist\\/esm\\//] } },
  },
};
`;
  await writeFile(join(dir, "vitest.config.mjs"), config);
  return dir;
}

/** One `vitest run` of a suite; resolves with its wall time in seconds, after checking it passed. */
function run(dir) {
  const report = join(dir, "report.json");
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        vitestBin,
        "run",
        "--config",
        join(dir, "vitest.config.mjs"),
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", async (code) => {
      const seconds = (performance.now() - t0) / 1000;
      try {
        const { numPassedTests } = JSON.parse(await readFile(report, "utf8"));
        if (code !== 0 || numPassedTests !== FILES * TESTS_PER_FILE) {
          throw new Error(`exit ${code}, ${numPassedTests} passed\n${err.slice(-2000)}`);
        }
        resolve(seconds);
      } catch (e) {
        reject(new Error(`W9 suite in ${dir} failed: ${e.message}`));
      }
    });
  });
}

try {
  const dirs = {};
  for (const [name, suite] of Object.entries(suites)) dirs[name] = await generate(name, suite);
  const walls = Object.fromEntries(Object.keys(suites).map((n) => [n, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const name of Object.keys(suites)) {
      progress(`W9 ${name}, run ${r + 1}/${REPEATS}`);
      walls[name].push(await run(dirs[name]));
    }
  }
  const wall = Object.fromEntries(Object.entries(walls).map(([n, w]) => [n, median(w)]));
  const floor = wall["no fixture"];
  const ours = wall["omnistorage-ts"];
  const perTest = (s) => ((s - floor) / (FILES * TESTS_PER_FILE)) * 1e6;
  emit({
    id: "W9",
    title: "Vitest suite of 2,000 tiny tests",
    rows: [
      {
        id: "W9",
        metric: "`vitest run` wall time, 2,000 tests (s, lower is better)",
        unit: "s",
        values: {
          "omnistorage-ts": ours,
          memfs: wall.memfs,
          unstorage: null,
          Map: null,
          tmpfs: wall.tmpfs,
        },
        baseline: { name: "no fixture", value: floor },
      },
      {
        id: "W9",
        metric: "the same minus the no-fixture run, per test (µs, lower is better)",
        unit: "s",
        values: {
          "omnistorage-ts": perTest(ours),
          memfs: perTest(wall.memfs),
          unstorage: null,
          Map: null,
          tmpfs: perTest(wall.tmpfs),
        },
      },
    ],
    bars: [
      {
        id: "W9",
        text: "wall time ≤ memfs's",
        measured: `${ours.toFixed(2)} s vs ${wall.memfs.toFixed(2)} s (${times(ours / wall.memfs)})`,
        pass: ours <= wall.memfs,
      },
      {
        id: "W9",
        text: "wall time ≤ half of tmpfs's",
        measured: `${ours.toFixed(2)} s vs ${wall.tmpfs.toFixed(2)} s (${times(ours / wall.tmpfs)}); Vitest alone: ${floor.toFixed(2)} s`,
        pass: ours <= wall.tmpfs / 2,
      },
    ],
    notes: [
      `W9: ${FILES} files × ${TESTS_PER_FILE} tests per suite, generated into a temp folder; each test writes \`out/<i>.txt\` and reads it back. omnistorage: \`useMemoryBackend()\` with the \`writeFile\`/\`readText\` helpers; memfs: the shared \`vol\` with \`vol.reset()\` in \`afterEach\`; tmpfs: \`mkdtemp\` in \`beforeEach\`, \`rm -r\` in \`afterEach\`; "no fixture": a Map per test, Vitest's own floor. omnistorage is imported from the repository's dist/ through aliases and externalized, as an installed package would be. Each suite is run ${REPEATS} times (interleaved) by the Vitest CLI (\`node node_modules/vitest/vitest.mjs run\`, what \`npx vitest run\` starts) with the JSON reporter, which also checks that all 2,000 tests passed; the median wall time of the child process is reported.`,
    ],
  });
} finally {
  await rm(base, { recursive: true, force: true });
}
