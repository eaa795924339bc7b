// The matchers under Jest (CommonJS, @swc/jest), straight from the sources:
//   npx jest --config test/matchers/jest/jest.config.cjs
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testMatch: ["<rootDir>/**/*.jest.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // Sources import siblings as "./x.js" (Node ESM style); in Jest those are the .ts files.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
};
