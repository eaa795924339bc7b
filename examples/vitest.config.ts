import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Examples import the package by name, as users do; these aliases point the names at the
// built ESM output (run `npm run build` first; `npm run examples` does).
const dist = (p: string) => fileURLToPath(new URL(`../dist/esm/${p}.js`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^omnistorage-ts$/, replacement: dist("src/index") },
      {
        find: /^omnistorage-ts\/(memory|file|sync|fs|unstorage)$/,
        replacement: dist("src/$1/index"),
      },
      { find: /^omnistorage-ts\/(vitest|jest)$/, replacement: dist("fixtures/$1") },
      { find: /^omnistorage-ts\/matchers$/, replacement: dist("matchers/index") },
      { find: /^omnistorage-ts\/fast-check$/, replacement: dist("fixtures/fast-check/index") },
    ],
  },
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["**/*.test.ts"],
    // Suites written for Jest run only under Jest.
    exclude: ["**/node_modules/**", "jest/**", "jest-esm/**"],
    globals: true,
  },
});
