import { compileGlob } from "../core/glob.js";
import { ancestorsOf, baseName } from "../core/paths.js";
import type { SyncFilter } from "./types.js";

/** Tells whether a path (relative to the synced folder) takes part. */
export type PathFilter = (relativePath: string) => boolean;

/**
 * Compiles a {@link SyncFilter} into a predicate over paths relative to the synced folder.
 *
 * A pattern without `/` matches the file name at any depth; with a `/` it matches the whole
 * relative path (a leading `/` only anchors it); a trailing `/` makes it a directory pattern
 * that matches every file below a matching directory. `exclude` wins over `include`.
 *
 * @param filter - include and exclude globs (absent: everything takes part)
 * @example
 * ```ts
 * const takesPart = compileFilter({ include: ["*.json"], exclude: ["tmp/"] });
 * takesPart("a/b.json");   // true
 * takesPart("tmp/b.json"); // false
 * ```
 */
export function compileFilter(filter: SyncFilter | undefined): PathFilter {
  const include = patternsOf(filter?.include, "include").map(compilePattern);
  const exclude = patternsOf(filter?.exclude, "exclude").map(compilePattern);
  if (include.length === 0 && exclude.length === 0) return () => true;
  return (path) =>
    (include.length === 0 || include.some((m) => m(path))) && !exclude.some((m) => m(path));
}

function patternsOf(value: string | readonly string[] | undefined, name: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) {
    throw new TypeError(`sync: filter.${name} must be a glob or an array of globs`);
  }
  for (const pattern of list) {
    if (typeof pattern !== "string" || pattern.replace(/\//g, "") === "") {
      throw new TypeError(`sync: filter.${name} holds an empty or non-string pattern`);
    }
  }
  return list as string[];
}

function compilePattern(pattern: string): PathFilter {
  const isDir = pattern.endsWith("/");
  const body = pattern.replace(/^\/+|\/+$/g, "");
  // Anchored when it names a path (a `/` other than a trailing one), not just a name.
  const anchored = pattern.replace(/\/+$/, "").includes("/");
  const matches = compileGlob(body);
  if (isDir) {
    return anchored
      ? (path) => ancestorsOf(path).some(matches)
      : (path) => ancestorsOf(path).some((dir) => matches(baseName(dir)));
  }
  return anchored ? matches : (path) => matches(baseName(path));
}
