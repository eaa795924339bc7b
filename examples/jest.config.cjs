// Jest in its default CommonJS mode, as most users run it: @swc/jest strips the types and the
// package names resolve to the built CommonJS output (run `npm run build` first).
const dist = (p) => `<rootDir>/../dist/cjs/${p}.js`;

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testMatch: ["<rootDir>/**/*.test.ts"],
  // As users set it up: registers the matchers and the snapshot serializer in every test file.
  setupFilesAfterEnv: ["omnistorage-ts/jest"],
  // Suites written for Vitest (and @fast-check/vitest) run only under Vitest.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/vitest/", "<rootDir>/fast-check-prop/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleNameMapper: {
    // Sources import siblings as "./x.js" (Node ESM style); in Jest those are the .ts files.
    "^(\\.{1,2}/.*)\\.js$": "$1",
    "^omnistorage-ts$": dist("src/index"),
    "^omnistorage-ts/(memory|file|sync)$": dist("src/$1/index"),
    "^omnistorage-ts/jest$": dist("fixtures/jest"),
    "^omnistorage-ts/matchers$": dist("matchers/index"),
    "^omnistorage-ts/fast-check$": dist("fixtures/fast-check/index"),
  },
};
