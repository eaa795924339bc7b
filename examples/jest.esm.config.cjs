// Jest in its native ESM mode (`node --experimental-vm-modules node_modules/jest/bin/jest.js`):
// the .ts files are ES modules, @swc/jest strips the types and keeps the imports (it emits ESM
// when Jest asks for it), and the package names resolve to the built ESM output, so this runs
// the same examples as jest.config.cjs through the other build. Run `npm run build` first.
const base = require("./jest.config.cjs");

const dist = (p) => `<rootDir>/../dist/esm/${p}.js`;

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
    "^omnistorage-ts$": dist("src/index"),
    "^omnistorage-ts/(memory|file|sync)$": dist("src/$1/index"),
    "^omnistorage-ts/jest$": dist("fixtures/jest"),
    "^omnistorage-ts/matchers$": dist("matchers/index"),
    "^omnistorage-ts/fast-check$": dist("fixtures/fast-check/index"),
  },
};
