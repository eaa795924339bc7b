import { baseName, parentOf } from "../../src/core/paths.js";

/**
 * The existing paths a user most likely meant when `target` is missing: the same path in
 * another case, close by edit distance, the same file name (in any case) in another folder,
 * or the same folder with a small typo.
 *
 * @param target - the normalised path that was expected
 * @param candidates - existing paths (files, or folders when a folder was expected)
 * @param limit - most suggestions returned
 * @returns the best candidates, best first
 */
export function nearestPaths(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const budget = Math.max(2, Math.floor(target.length / 3));
  const folded = target.toLowerCase();
  const name = baseName(folded);
  const folder = parentOf(target);
  const scored: { path: string; score: number }[] = [];
  for (const path of candidates) {
    if (path === target) continue;
    const pathFolded = path.toLowerCase();
    // Keys are exact, but a name that differs only by case is the likeliest slip of all.
    let score = pathFolded === folded ? 0 : editDistance(target, path, budget);
    // A file with the same name in another folder is a strong hint (wrong folder, moved file),
    // whatever its case.
    if (baseName(pathFolded) === name) score = Math.min(score, 2);
    if (score > budget) continue;
    // Prefer neighbours: same folder first, on equal distance.
    if (parentOf(path) === folder) score -= 0.5;
    scored.push({ path, score });
  }
  scored.sort((a, b) => a.score - b.score || compareCodeUnits(a.path, b.path));
  return scored.slice(0, limit).map((s) => s.path);
}

/**
 * Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`, so a
 * large store costs little per candidate.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Every folder that holds a file, derived from file paths (`a/b/c.txt` → `a`, `a/b`).
 * @param files - normalised file paths
 */
export function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    for (let dir = parentOf(file); dir !== "" && !folders.has(dir); dir = parentOf(dir)) {
      folders.add(dir);
    }
  }
  return [...folders].sort(compareCodeUnits);
}

/** Sorts by UTF-16 code unit, the order `list` uses. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
