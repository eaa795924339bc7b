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
  // jest.mock is not hoisted in ESM mode: the fs example has an unstable_mockModule twin there.
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns.filter((p) => !p.includes("jest-esm")),
    "<rootDir>/jest/log-rotator",
  ],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
    "^omnistorage-ts$": dist("index"),
    "^omnistorage-ts/([\\w-]+)$": dist("$1"),
  },
};
