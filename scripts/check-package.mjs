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

const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work]));
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
import * as core from "omnistorage";
import { MemoryBackend } from "omnistorage/memory";
import { FileBackend } from "omnistorage/file";
import { sync, check } from "omnistorage/sync";
import { matchers, toTree } from "omnistorage/matchers";
import { verifyBackend } from "omnistorage/fast-check";
${shared}
const require = createRequire(import.meta.url);
const cjs = require("omnistorage");
require("omnistorage/file");
assert.deepEqual(core.backends(), ["file", "memory"], "ESM and CJS share one registry");
const fromCjs = await closedBy(new (require("omnistorage/memory").MemoryBackend)());
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
const vitestEntry = await import("omnistorage/vitest").catch((e) => e);
assert.ok(vitestEntry instanceof Error || typeof vitestEntry.useMemoryBackend === "function");
console.log("ESM smoke test passed");
`,
);
writeFileSync(
  join(app, "smoke.cjs"),
  `const assert = require("node:assert/strict");
const core = require("omnistorage");
const { MemoryBackend } = require("omnistorage/memory");
const { FileBackend } = require("omnistorage/file");
const { sync } = require("omnistorage/sync");
const { matchers, toTree } = require("omnistorage/matchers");
const { verifyBackend } = require("omnistorage/fast-check");
${shared}
(async () => {
  assert.throws(() => require("omnistorage/vitest"), /ERR_PACKAGE_PATH_NOT_EXPORTED|No "exports" main|not defined by "exports"/);
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
console.log(run("node", ["smoke.mjs"], app));
console.log(run("node", ["smoke.cjs"], app));
rmSync(work, { recursive: true, force: true });
