// Jest in its default CommonJS mode, as most users run it: @swc/jest strips the types and the
// package names resolve to the built CommonJS bundles, one per entry (run `npm run build` first).
const dist = (p) => `<rootDir>/../dist/cjs/${p}.js`;

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testMatch: ["<rootDir>/**/*.test.ts"],
  // As users set it up: registers the matchers and the snapshot serializer in every test file.
  setupFilesAfterEnv: ["omnistorage-ts/jest"],
  // Suites written for Vitest (and @fast-check/vitest) run only under Vitest; jest-esm/ only in
  // Jest's ESM mode (jest.esm.config.cjs).
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/vitest/",
    "<rootDir>/fast-check-prop/",
    "<rootDir>/jest-esm/",
  ],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleNameMapper: {
    // Sources import siblings as "./x.js" (Node ESM style); in Jest those are the .ts files.
    "^(\\.{1,2}/.*)\\.js$": "$1",
    "^omnistorage-ts$": dist("index"),
    "^omnistorage-ts/([\\w-]+)$": dist("$1"),
  },
};
