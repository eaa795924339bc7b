import picomatch from "picomatch";
import { ancestorsOf, baseName } from "../../src/core/paths.js";
import type { SyncFilter } from "../../src/sync/index.js";

/** The filter rules, written against picomatch as an independent oracle. */
export function takesPart(filter: SyncFilter, path: string): boolean {
  const list = (v: string | readonly string[] | undefined) =>
    v === undefined ? [] : typeof v === "string" ? [v] : v;
  const hit = (pattern: string) => {
    if (pattern.endsWith("/")) {
      return ancestorsOf(path).some((dir) =>
        picomatch.isMatch(baseName(dir), pattern.slice(0, -1)),
      );
    }
    return pattern.includes("/")
      ? picomatch.isMatch(path, pattern, { dot: true })
      : picomatch.isMatch(baseName(path), pattern, { dot: true });
  };
  const include = list(filter.include);
  return (include.length === 0 || include.some(hit)) && !list(filter.exclude).some(hit);
}
