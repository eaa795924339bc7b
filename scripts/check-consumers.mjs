// The README's setup, as a new user follows it: packs the tarball, installs it into fresh Vitest
// and Jest projects outside the repository, made of the README's config and example test
// VERBATIM (each block marked `<!-- file: name -->` on the line before its code fence), and
// runs them. A missing or doubled marker fails the check, so the README cannot drop a block.
// Needs no network: the tarball has no dependencies, and the runners (vitest, jest, @swc/jest,
// @swc/core, fast-check) are linked from this repository's node_modules, as a user's own
// devDependencies would be installed. Run after `npm run build` (`npm run check:consumers`).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const README_FILES = [
  "vitest.config.ts",
  "example.test.ts",
  "jest.config.cjs",
  "example.jest.test.ts",
];
const RUNNER_PACKAGES = ["vitest", "jest", "@jest/globals", "@swc/jest", "@swc/core", "fast-check"];

/** The README's code blocks marked `<!-- file: name -->`, by name; throws naming any missing. */
export function readmeFiles(markdown, names = README_FILES) {
  const found = new Map();
  const marked = /^<!-- file: (\S+) -->\r?\n```[^\n]*\n([\s\S]*?)^```$/gm;
  for (const [, name, body] of markdown.matchAll(marked)) {
    if (found.has(name)) throw new Error(`README.md: two blocks are marked <!-- file: ${name} -->`);
    found.set(name, body);
  }
  const missing = names.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new Error(
      `README.md: no code block marked ${missing.map((n) => `<!-- file: ${n} -->`).join(", ")} ` +
        "(the marker goes on the line right before the block's opening fence)",
    );
  }
  return found;
}

const run = (cmd, args, cwd, env = {}, stdout = "pipe") =>
  execFileSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", stdout, "inherit"],
    encoding: "utf8",
  });

/** A fresh project: package.json, the given files, the tarball installed offline, runners linked. */
function makeProject(dir, packageJson, files, tarball) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, ...packageJson }));
  for (const [name, text] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  // An unreachable registry proves the install needs no network.
  run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", tarball],
    dir,
    {
      npm_config_registry: "http://127.0.0.1:9/",
    },
  );
  for (const name of RUNNER_PACKAGES) {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(join(root, "node_modules", name), join(dir, "node_modules", name), "dir");
  }
}

/** Runs a JSON-reporting runner and checks every test passed and `expected` tests ran. */
function expectPassing(label, dir, args, reportFile, expected) {
  const started = Date.now();
  try {
    run(process.execPath, args, dir, {}, "inherit");
  } catch (err) {
    throw new Error(`${label}: the runner failed (see its output above)`, { cause: err });
  }
  const report = JSON.parse(readFileSync(join(dir, reportFile), "utf8"));
  const { numPassedTests, numTotalTests } = report;
  if (numPassedTests !== expected || numTotalTests !== expected) {
    throw new Error(
      `${label}: expected ${expected} passing tests, got ${numPassedTests} of ${numTotalTests}`,
    );
  }
  console.log(`${label}: ${numPassedTests} tests passed (${Date.now() - started} ms)`);
}

// The check's own addition to the Jest project (not from the README): a module imported with
// the ".js" suffix, as TypeScript's node16 resolution wants, which only the README's
// moduleNameMapper line lets Jest find.
const SIBLING_MODULE = `import type { Backend } from "omnistorage-ts";
import { writeFile } from "omnistorage-ts";
export const saveGreeting = (backend: Backend, name: string) => writeFile(backend, "greeting.txt", \`hi \${name}\`);
`;
const SIBLING_TEST = `import { expect, test } from "@jest/globals";
import { useMemoryBackend } from "omnistorage-ts/jest";
import { saveGreeting } from "./src/save-greeting.js";

const backend = useMemoryBackend();
test("a .js-suffixed relative import resolves to the .ts file", async () => {
  await saveGreeting(backend, "Ada");
  expect(backend).toHaveFile("greeting.txt", "hi Ada");
});
`;

function main() {
  // `--readme <path>` checks another README (the tests use it); the default is the package's.
  const at = process.argv.indexOf("--readme");
  const readme = at > 0 ? resolve(process.argv[at + 1] ?? "") : join(root, "README.md");
  const files = readmeFiles(readFileSync(readme, "utf8"));
  const work = mkdtempSync(join(tmpdir(), "omnistorage-consumers-"));
  try {
    // Built already (npm run check:consumers builds first), so skip prepack's second build.
    const packed = run(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", work],
      root,
    );
    const tarball = join(work, JSON.parse(packed)[0].filename);
    const pick = (...names) => names.map((n) => [n, files.get(n)]);

    const vitestApp = join(work, "vitest-app");
    makeProject(
      vitestApp,
      { name: "vitest-app", type: "module" },
      pick("vitest.config.ts", "example.test.ts"),
      tarball,
    );
    expectPassing(
      "Vitest project (README config and example)",
      vitestApp,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        "--reporter=default",
        "--reporter=json",
        "--outputFile.json=report.json",
      ],
      "report.json",
      1,
    );

    // `npm init` gives "type": "commonjs"; many projects are "module". The README config must
    // work in both (Jest still runs the .ts tests as CommonJS).
    for (const type of ["commonjs", "module"]) {
      const jestApp = join(work, `jest-app-${type}`);
      makeProject(
        jestApp,
        { name: `jest-app-${type}`, type },
        [
          ...pick("jest.config.cjs", "example.jest.test.ts"),
          ["src/save-greeting.ts", SIBLING_MODULE],
          ["save-greeting.test.ts", SIBLING_TEST],
        ],
        tarball,
      );
      expectPassing(
        `Jest project, "type": "${type}" (README config and example)`,
        jestApp,
        ["node_modules/jest/bin/jest.js", "--ci", "--json", "--outputFile=report.json"],
        "report.json",
        2,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
