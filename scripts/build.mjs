// Builds one bundle per entry (scripts/entries.mjs), as ESM in dist/esm and CommonJS in
// dist/cjs, with rollup: a fresh process loads a handful of files instead of ~140 modules.
// Entries of one format share chunks, so each class and each piece of module state exists
// once per format however many entries a test file imports. Declarations are tsc's.
//
// 1. tsc type-checks and emits ES modules and .d.ts into .tmp/build (intermediate only);
// 2. rollup bundles those modules, no source maps: the bundles are plain, readable JavaScript
//    and stack traces point into shipped files;
// 3. the .d.ts tree is copied under dist/<format>/types, where the format's package scope
//    makes TypeScript read it as ESM or CommonJS;
// 4. package.json's entry fields are rewritten if ENTRIES changed.
//
//   node scripts/build.mjs              into dist/ (`npm run build`)
//   node scripts/build.mjs --out DIR    into DIR instead, package.json untouched (tests that
//                                       must not rewrite the dist/ other processes read)
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { rollup } from "rollup";
import { bundleName, ENTRIES, packageFields } from "./entries.mjs";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const outFlag = process.argv.indexOf("--out");
const DIST = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, "dist");
const TMP = outFlag > 0 ? join(DIST, ".tsc") : join(root, ".tmp", "build");

rmSync(DIST, { recursive: true, force: true });
rmSync(TMP, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")].concat([
    "--outDir",
    TMP,
  ]),
  { stdio: "inherit" },
);

const builtins = new Set(builtinModules);
// Node's built-ins and the peers (vitest, jest, fast-check) stay imports; our code is bundled.
const external = (id) => id.startsWith("node:") || builtins.has(id) || !/^[./]|^[A-Za-z]:/.test(id);

/**
 * Bundles the entries of one format into <dist>/<format>.
 * @param {"esm" | "cjs"} format
 */
async function bundle(format) {
  const entries = ENTRIES.filter((e) => format === "esm" || !e.esmOnly);
  const input = Object.fromEntries(
    entries.map((e) => [bundleName(e), join(TMP, e.source.replace(/\.ts$/, ".js"))]),
  );
  const build = await rollup({
    input,
    external,
    // No external (a built-in or a peer) is imported here for its side effects alone, so a
    // chunk imports `node:stream` or `node:crypto` only where it uses them.
    treeshake: { moduleSideEffects: (_id, isExternal) => !isExternal },
    onwarn: failOnWarning,
  });
  await build.write({
    dir: join(DIST, format),
    format: format === "esm" ? "es" : "cjs",
    entryFileNames: "[name].js",
    chunkFileNames: "chunks/[name]-[hash].js",
    generatedCode: "es2015",
    // A chunk imports what it uses, not also what its imports import (fewer edges, same modules).
    hoistTransitiveImports: false,
    // Like Node's own CommonJS-from-ESM interop: a default import is module.exports unless the
    // module says it is transpiled ESM.
    interop: "auto",
    sourcemap: false,
  });
  await build.close();
  cpSync(TMP, join(DIST, format, "types"), {
    recursive: true,
    filter: (path) => !path.endsWith(".js"),
  });
}

/** A rollup warning (a circular chunk, an unresolved import) is a broken build, not noise. */
function failOnWarning(warning) {
  throw new Error(`rollup: ${warning.message}`);
}

await bundle("esm");
await bundle("cjs");
// The package is "type": "module"; this marker makes Node and TypeScript read dist/cjs as CommonJS.
writeFileSync(
  join(DIST, "cjs", "package.json"),
  `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`,
);
rmSync(TMP, { recursive: true, force: true });

const pkgFile = join(root, "package.json");
const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
const fields = packageFields();
const stale = !Object.entries(fields).every(([key, value]) => isDeepStrictEqual(pkg[key], value));
if (stale && outFlag < 0) {
  writeFileSync(pkgFile, `${JSON.stringify({ ...pkg, ...fields }, null, 2)}\n`);
  console.log("build: package.json entry fields rewritten from scripts/entries.mjs");
}
