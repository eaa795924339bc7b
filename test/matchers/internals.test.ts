import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storagePath } from "../../fixtures/fast-check/arbitraries/path.js";
import { storageTree } from "../../fixtures/fast-check/arbitraries/tree.js";
import { compactTree } from "../../matchers/internal/compact-tree.js";
import { drive, wait } from "../../matchers/internal/drive.js";
import { nearestPaths } from "../../matchers/internal/nearest-paths.js";
import { matchesSubset } from "../../matchers/internal/subset.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { vitestMatcherContext } from "./helpers.js";

const filesOf = (tree: object) => MemoryBackend.from(tree as never).listSync();

/** Reads the paths back out of a compact tree listing. */
function pathsIn(listing: string): string[] {
  const out: string[] = [];
  const folders: string[] = [];
  for (const line of listing.split("\n").slice(1)) {
    if (line.startsWith("  … and ")) continue;
    const depth = (line.length - line.trimStart().length) / 2 - 1;
    const name = line.trimStart();
    folders.length = depth;
    if (name.endsWith("/")) folders.push(name.slice(0, -1));
    else out.push([...folders, name].join("/"));
  }
  return out;
}

describe("compactTree", () => {
  test("shows a prefix of the files within the line budget and counts the rest", () => {
    fc.assert(
      fc.property(storageTree({ maxEntries: 12 }), fc.integer({ min: 1, max: 12 }), (tree, max) => {
        const files = filesOf(tree);
        const listing = compactTree(files, max);
        const lines = listing.split("\n");
        if (files.length === 0) {
          expect(listing).toBe("Backend is empty.");
          return;
        }
        const shown = pathsIn(listing);
        expect(shown).toEqual(files.slice(0, shown.length));
        const rest = files.length - shown.length;
        expect(lines.length).toBeLessThanOrEqual(1 + max + (rest > 0 ? 1 : 0));
        if (rest > 0)
          expect(lines.at(-1)).toBe(`  … and ${rest} more file${rest === 1 ? "" : "s"}`);
        else expect(lines.at(-1)).not.toMatch(/more file/);
      }),
      { numRuns: 200 },
    );
  });

  test("a large store is cut short at 30 lines", () => {
    const files = Array.from({ length: 500 }, (_, i) => `data/${String(i).padStart(3, "0")}.csv`);
    const lines = compactTree(files).split("\n");
    expect(lines).toHaveLength(32);
    expect(lines[0]).toBe("Backend holds 500 files:");
    expect(lines[1]).toBe("  data/");
    expect(lines.at(-1)).toBe("  … and 471 more files");
  });
});

describe("nearestPaths", () => {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j] as number;
        row[j] = Math.min(
          above + 1,
          (row[j - 1] as number) + 1,
          diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        diagonal = above;
      }
    }
    return row[b.length] as number;
  };

  test("suggests only other existing paths, at most three", () => {
    fc.assert(
      fc.property(storageTree({ maxEntries: 10 }), storagePath({ odd: false }), (tree, target) => {
        const files = filesOf(tree);
        const near = nearestPaths(target, files);
        expect(near.length).toBeLessThanOrEqual(3);
        for (const path of near) {
          expect(files).toContain(path);
          expect(path).not.toBe(target);
        }
      }),
      { numRuns: 200 },
    );
  });

  test("a one-character typo of an existing path is answered with a path one edit away", () => {
    fc.assert(
      fc.property(
        storageTree({ maxEntries: 10 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom("x", "q", "_"),
        (tree, pick, at, typo) => {
          const files = filesOf(tree);
          fc.pre(files.length > 0);
          const real = files[pick % files.length] as string;
          const i = at % real.length;
          const wrong = real.slice(0, i) + typo + real.slice(i + 1);
          fc.pre(!files.includes(wrong));
          const [best] = nearestPaths(wrong, files);
          expect(best).toBeDefined();
          expect(distance(wrong, best as string)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("the same file name in another folder is suggested", () => {
    expect(nearestPaths("2024.json", ["reports/2024.json", "notes.txt"])).toEqual([
      "reports/2024.json",
    ]);
  });
});

describe("drive", () => {
  function* body(values: unknown[]) {
    const seen: unknown[] = [];
    for (const value of values) seen.push(yield* wait(value));
    return seen;
  }

  test("stays synchronous while nothing it waits on is a Promise", () => {
    expect(drive(body([1, "a", null]))).toEqual([1, "a", null]);
  });

  test("switches to a Promise at the first pending value and keeps the order", async () => {
    const result = drive(body([1, Promise.resolve(2), 3, Promise.resolve(4)]));
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toEqual([1, 2, 3, 4]);
  });

  test("throws a rejection into the body, where it can be caught", async () => {
    function* catching() {
      try {
        yield* wait(Promise.reject(new Error("boom")));
        return "not reached";
      } catch (err) {
        return (err as Error).message;
      }
    }
    expect(await drive(catching())).toBe("boom");
  });
});

describe("matchesSubset", () => {
  const json = fc.jsonValue({ maxDepth: 3 });

  test("our fallback tester agrees with the runner's subset testers", () => {
    const runner = vitestMatcherContext();
    const fallback = {
      ...runner,
      utils: { ...runner.utils, subsetEquality: undefined, iterableEquality: undefined },
    };
    fc.assert(
      fc.property(json, json, fc.boolean(), (received, other, useSubset) => {
        const expected = useSubset ? trimmed(received) : other;
        expect(matchesSubset(fallback, received, expected)).toBe(
          matchesSubset(runner, received, expected),
        );
      }),
      { numRuns: 300 },
    );
  });

  test("asymmetric matchers inside work with the fallback too", () => {
    const runner = vitestMatcherContext();
    const fallback = { ...runner, utils: { ...runner.utils, subsetEquality: undefined } };
    const received = { id: 3, tags: ["a", "b"], extra: true };
    expect(matchesSubset(fallback, received, { id: expect.any(Number), tags: ["a", "b"] })).toBe(
      true,
    );
    expect(matchesSubset(fallback, received, { tags: ["a"] })).toBe(false);
  });
});

/** Drops every other key of every object, recursively: a subset of `value`. */
function trimmed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(trimmed);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  Object.entries(value).forEach(([key, item], i) => {
    if (i % 2 === 0) Object.defineProperty(out, key, { value: trimmed(item), enumerable: true });
  });
  return out;
}
