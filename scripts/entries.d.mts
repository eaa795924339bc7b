// Types of scripts/entries.mjs for the TypeScript tests that read the entry list.

/** One public entry of the package (see scripts/entries.mjs). */
export interface Entry {
  name: string;
  source: string;
  esmOnly?: boolean;
  sideEffects?: boolean;
  runnerOnly?: boolean;
}
/** The package's public entries. */
export const ENTRIES: Entry[];
/** The bundle's base name of an entry. */
export function bundleName(entry: Entry): string;
/** Where an entry's files land, relative to the package root, in one module format. */
export function distPaths(entry: Entry, format: "esm" | "cjs"): { js: string; types: string };
/** The package.json fields that follow from ENTRIES. */
export function packageFields(): Record<string, unknown>;
