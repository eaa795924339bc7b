// The package's public entries, in one list: the build bundles each of them, the package.json
// fields (`exports`, `typesVersions`, `sideEffects`) and the examples' aliases derive from it.
// Adding an entry is one line here, then `npm run build` (which rewrites package.json to match).

/**
 * @typedef {object} Entry
 * @property {string} name - subpath after `omnistorage-ts/` ("" for the package itself); also
 *   the bundle's file name (`dist/esm/<name>.js`, "index" for the package itself)
 * @property {string} source - the TypeScript module it is built from
 * @property {boolean} [esmOnly] - no CommonJS copy (its runner is ESM only)
 * @property {boolean} [sideEffects] - importing it registers something (a backend, matchers)
 * @property {boolean} [runnerOnly] - loads only inside its test runner (outside, the runner's
 *   own module throws), so plain `node` cannot time its import
 */

/** @type {Entry[]} */
export const ENTRIES = [
  { name: "", source: "src/index.ts" },
  { name: "memory", source: "src/memory/index.ts", sideEffects: true },
  { name: "file", source: "src/file/index.ts", sideEffects: true },
  { name: "sync", source: "src/sync/index.ts" },
  {
    name: "vitest",
    source: "fixtures/vitest.ts",
    esmOnly: true,
    sideEffects: true,
    runnerOnly: true,
  },
  { name: "jest", source: "fixtures/jest.ts", sideEffects: true, runnerOnly: true },
  { name: "matchers", source: "matchers/index.ts" },
  { name: "fast-check", source: "fixtures/fast-check/index.ts" },
  { name: "fs", source: "src/fs/index.ts" },
  { name: "unstorage", source: "src/unstorage/index.ts" },
];

/**
 * The bundle's base name of an entry.
 * @param {Entry} entry
 */
export const bundleName = (entry) => entry.name || "index";

/**
 * Where an entry's files land, relative to the package root, in one module format.
 * @param {Entry} entry
 * @param {"esm" | "cjs"} format
 * @returns {{ js: string, types: string }}
 */
export function distPaths(entry, format) {
  return {
    js: `dist/${format}/${bundleName(entry)}.js`,
    types: `dist/${format}/types/${entry.source.replace(/\.ts$/, ".d.ts")}`,
  };
}

/** The package.json fields that follow from ENTRIES. */
export function packageFields() {
  const exports = {};
  const typesVersions = {};
  for (const entry of ENTRIES) {
    const esm = distPaths(entry, "esm");
    const cjs = distPaths(entry, "cjs");
    const conditions = { import: { types: `./${esm.types}`, default: `./${esm.js}` } };
    if (!entry.esmOnly) conditions.require = { types: `./${cjs.types}`, default: `./${cjs.js}` };
    exports[entry.name ? `./${entry.name}` : "."] = conditions;
    // moduleResolution "node" (node10) ignores `exports`: it finds subpaths' types here.
    if (entry.name) typesVersions[entry.name] = [(entry.esmOnly ? esm : cjs).types];
  }
  exports["./package.json"] = "./package.json";
  const root = ENTRIES.find((e) => e.name === "");
  return {
    main: `./${distPaths(root, "cjs").js}`,
    module: `./${distPaths(root, "esm").js}`,
    types: `./${distPaths(root, "cjs").types}`,
    exports,
    typesVersions: { "*": typesVersions },
    sideEffects: [
      ...ENTRIES.filter((e) => e.sideEffects).map((e) => `./dist/*/${bundleName(e)}.js`),
      // Code shared by several entries (a backend's registration among it) lives in chunks.
      "./dist/*/chunks/*.js",
    ],
  };
}
