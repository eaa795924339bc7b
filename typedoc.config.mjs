// The API reference covers exactly the package's public entries (scripts/entries.mjs, the list
// the build and package.json's exports come from), so a new entry is documented and checked
// without touching this file.
import { ENTRIES } from "./scripts/entries.mjs";

const entryPoints = ENTRIES.map((entry) => entry.source);

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
    "DescriptorName",
    "Fn",
    "CONSTANTS",
    "EntryInfo",
    "MemoryChild",
  ],
  // No source links: a clone's remote (a CI checkout, a fork) is no stable URL to link to.
  disableSources: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
};
