// Proves the published artefact, not the source tree: packs the tarball, lints it with publint
// and @arethetypeswrong/cli, then installs it into a fresh project and imports every entry from
// an .mjs and a .cjs file, including the cross-build guarantees (one registry, errors that pass
// the other build's guards). Run after `npm run build` (`npm run check:package` does both).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const work = join(root, ".tmp", "pack-smoke");
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// Built already (`npm run check:package` builds first), so skip prepack's second build.
const [{ filename }] = JSON.parse(
  run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work]),
);
const tarball = join(work, filename);
console.log(`packed ${filename}`);

console.log(run("npx", ["publint", "run", tarball, "--strict"]));
// ./vitest is ESM only on purpose (Vitest is): its CommonJS resolution is expected to fail.
console.log(
  run("npx", ["attw", tarball, "--profile", "node16", "--exclude-entrypoints", "./vitest"]),
);
console.log(run("npx", ["attw", tarball, "--profile", "esm-only", "--entrypoints", "./vitest"]));

// A fresh project outside the package's own scope. Optional peers (vitest, fast-check, jest)
// resolve from the repository's node_modules further up, as a user's own installs would.
const app = join(work, "app");
mkdirSync(app);
writeFileSync(join(app, "package.json"), JSON.stringify({ name: "smoke-app", private: true }));
run("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", tarball], app);

const shared = `
  const closedBy = async (backend) => { await backend.close(); return backend.exists("x").catch((e) => e); };
`;
writeFileSync(
  join(app, "smoke.mjs"),
  `import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as core from "omnistorage-ts";
import { MemoryBackend } from "omnistorage-ts/memory";
import { FileBackend } from "omnistorage-ts/file";
import { sync, check } from "omnistorage-ts/sync";
import { matchers, toTree } from "omnistorage-ts/matchers";
import { verifyBackend } from "omnistorage-ts/fast-check";
${shared}
const require = createRequire(import.meta.url);
const cjs = require("omnistorage-ts");
require("omnistorage-ts/file");
assert.deepEqual(core.backends(), ["file", "memory"], "ESM and CJS share one registry");
const fromCjs = await closedBy(new (require("omnistorage-ts/memory").MemoryBackend)());
assert.ok(core.isClosed(fromCjs) && core.isStorageError(fromCjs, "ERR_BACKEND_CLOSED"), "CJS error passes ESM guard");
const fromEsm = await closedBy(new MemoryBackend());
assert.ok(cjs.isClosed(fromEsm), "ESM error passes CJS guard");
const mem = await core.open("memory");
await core.writeFile(mem, "a.txt", "hello");
assert.equal(await core.readText(mem, "a.txt"), "hello");
const copy = new MemoryBackend();
assert.equal((await sync(mem, copy, "", "")).copied, 1);
assert.equal((await check(mem, copy, "", "")).inSync, true);
assert.deepEqual(toTree(copy), { "a.txt": "hello" });
assert.equal(typeof matchers.toHaveFile, "function");
assert.equal(typeof verifyBackend, "function");
assert.equal(typeof FileBackend, "function");
const vitestEntry = await import("omnistorage-ts/vitest").catch((e) => e);
assert.ok(vitestEntry instanceof Error || typeof vitestEntry.useMemoryBackend === "function");
console.log("ESM smoke test passed");
`,
);
writeFileSync(
  join(app, "smoke.cjs"),
  `const assert = require("node:assert/strict");
const core = require("omnistorage-ts");
const { MemoryBackend } = require("omnistorage-ts/memory");
const { FileBackend } = require("omnistorage-ts/file");
const { sync } = require("omnistorage-ts/sync");
const { matchers, toTree } = require("omnistorage-ts/matchers");
const { verifyBackend } = require("omnistorage-ts/fast-check");
${shared}
(async () => {
  assert.throws(() => require("omnistorage-ts/vitest"), /ERR_PACKAGE_PATH_NOT_EXPORTED|No "exports" main|not defined by "exports"/);
  const b = MemoryBackend.from({ "x/y.json": { ok: true } });
  assert.deepEqual(toTree(b), { "x/y.json": { ok: true } });
  const dst = new MemoryBackend();
  assert.equal((await sync(b, dst, "x", "copied")).copied, 1);
  assert.deepEqual(dst.listSync(), ["copied/y.json"]);
  assert.equal(typeof matchers.toContainJSON, "function");
  assert.equal(typeof verifyBackend, "function");
  assert.equal(typeof FileBackend, "function");
  assert.ok(core.isClosed(await closedBy(b)));
  console.log("CJS smoke test passed");
})().catch((err) => { console.error(err); process.exit(1); });
`,
);
// The dual-package case Jest's ESM mode creates (its setupFilesAfterEnv resolves to the
// CommonJS build, the tests import the ESM one): the CommonJS built-ins register first, yet
// each build's open() returns its own build's classes.
writeFileSync(
  join(app, "dual.mjs"),
  `import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
const require = createRequire(import.meta.url);
const cjs = require("omnistorage-ts");
const cjsMemory = require("omnistorage-ts/memory");
const cjsFile = require("omnistorage-ts/file");
const esm = await import("omnistorage-ts");
const esmMemory = await import("omnistorage-ts/memory");
const esmFile = await import("omnistorage-ts/file");
const root = mkdtempSync(join(tmpdir(), "omnistorage-dual-"));
assert.ok((await esm.open("memory")) instanceof esmMemory.MemoryBackend, "ESM open('memory') gives the ESM class");
assert.ok((await cjs.open("memory")) instanceof cjsMemory.MemoryBackend, "CJS open('memory') gives the CJS class");
assert.ok((await esm.open("file", { root })) instanceof esmFile.FileBackend, "ESM open('file') gives the ESM class");
assert.ok((await cjs.open("file", { root })) instanceof cjsFile.FileBackend, "CJS open('file') gives the CJS class");
console.log("dual-build registry smoke test passed");
`,
);
console.log(run("node", ["smoke.mjs"], app));
console.log(run("node", ["dual.mjs"], app));
console.log(run("node", ["smoke.cjs"], app));
rmSync(work, { recursive: true, force: true });
