import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Examples import the package by name, as users do; these aliases point the names at the
// built ESM bundles, one per entry (run `npm run build` first; `npm run examples` does).
const dist = (p: string) => fileURLToPath(new URL(`../dist/esm/${p}.js`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^omnistorage-ts$/, replacement: dist("index") },
      { find: /^omnistorage-ts\/([\w-]+)$/, replacement: dist("$1") },
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
