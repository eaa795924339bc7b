// The API reference covers exactly what package.json exports: each entry's ESM types path
// (dist/esm/<source>.d.ts) names its source file, so a new entry is documented (and checked)
// without touching this file.
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const entryPoints = Object.values(pkg.exports)
  .map((entry) => entry?.import?.types)
  .filter((types) => typeof types === "string")
  .map((types) => types.replace(/^\.\/dist\/esm\//, "").replace(/\.d\.ts$/, ".ts"));

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "omnistorage-ts",
  entryPoints,
  tsconfig: "typedoc.tsconfig.json",
  out: "docs/api",
  readme: "none",
  excludePrivate: true,
  excludeInternal: true,
  // Helper types that exported signatures mention but that are not part of the API themselves.
  intentionallyNotExported: [
    "BACKEND_OPS",
    "Capabilities",
    "MaybePromise",
    "EqualityTester",
    "MatcherUtils",
  ],
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
};
