#!/usr/bin/env node
// Type tests of the matchers, one `tsc -p` per runner folder under test/types/: each folder is
// a small project that must compile, including its `// @ts-expect-error` lines (a matcher that
// does not exist must be an error, so the types have not silently become `any`). The node10
// folder imports the package by name through a link to the repository (built first).
//
//   node scripts/type-tests.mjs                 every folder
//   node scripts/type-tests.mjs vitest4 jest    only these
//   node scripts/type-tests.mjs --skip-missing  skip folders whose runner is not installed
//   node scripts/type-tests.mjs --install       first install the extra runners (network)
//
// Vitest 3 and 5 are type-checked from npm aliases installed in test/types/runners, a folder
// with its own lockfile (their optional peers clash with Vitest 4's at the root); the folders'
// tsconfig `paths` map `vitest` there. Only `--install` installs them (`npm run
// test:types:all`, which CI runs): `npm test` never touches the network.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const typesDir = join(root, "test", "types");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** Folders that need a runner installed under an npm alias, and that alias. */
const ALIASES = { vitest3: "vitest3", vitest5: "vitest5" };

/** Folders that import the package by name, so resolve it through package.json and dist/. */
const BY_PACKAGE_NAME = new Set(["node10"]);

const args = process.argv.slice(2);
const skipMissing = args.includes("--skip-missing");
const install = args.includes("--install");
const wanted = args.filter((arg) => !arg.startsWith("--"));
const folders = readdirSync(typesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(typesDir, entry.name, "tsconfig.json")))
  .map((entry) => entry.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

for (const name of wanted) {
  if (!folders.includes(name)) {
    console.error(`type-tests: no folder test/types/${name} with a tsconfig.json`);
    process.exit(2);
  }
}

const runners = join(typesDir, "runners");
const needsRunners = folders.some((name) => ALIASES[name]);
if (needsRunners && install) {
  const installed = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: runners,
    stdio: "inherit",
  });
  if (installed.status !== 0) {
    console.error("type-tests: npm ci in test/types/runners failed");
    process.exit(1);
  }
}

if (folders.some((name) => BY_PACKAGE_NAME.has(name))) {
  if (!existsSync(join(root, "dist", "cjs", "index.js"))) {
    console.error("type-tests: dist/ is missing; run `npm run build` first (`npm test` does)");
    process.exit(1);
  }
  // test/types/node_modules/omnistorage-ts -> the repository: found by name as an installed
  // package is, with its package.json (exports, typesVersions) and its built declarations.
  const link = join(typesDir, "node_modules", "omnistorage-ts");
  mkdirSync(dirname(link), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(join("..", "..", ".."), link, "junction");
}

const failed = [];
for (const name of folders) {
  const alias = ALIASES[name];
  if (alias && !existsSync(join(runners, "node_modules", alias, "package.json"))) {
    const hint = `test/types/runners/node_modules/${alias} is missing; npm run test:types:all installs it`;
    if (skipMissing) {
      console.log(`- ${name}: skipped (${hint})`);
      continue;
    }
    console.error(`✗ ${name}: ${hint}`);
    failed.push(name);
    continue;
  }
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsc, "-p", join(typesDir, name)], {
    cwd: root,
    stdio: "inherit",
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0) console.log(`✓ ${name} (${seconds} s)`);
  else {
    console.error(`✗ ${name}`);
    failed.push(name);
  }
}

if (failed.length > 0) {
  console.error(`type-tests: ${failed.length} failed: ${failed.join(", ")}`);
  process.exit(1);
}
