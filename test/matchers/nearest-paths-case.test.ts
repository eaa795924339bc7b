import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { nearestPaths } from "../../matchers/internal/nearest-paths.js";

describe('"Did you mean" also offers names that differ only by case', () => {
  test("docs/readme.md → docs/README.md", () => {
    expect(nearestPaths("docs/readme.md", ["docs/README.md", "src/index.ts"])).toEqual([
      "docs/README.md",
    ]);
  });

  test("a case-only difference ranks before a one-letter typo", () => {
    expect(nearestPaths("Data/Report.CSV", ["data/report.csv", "Data/Report.CSX"])[0]).toBe(
      "data/report.csv",
    );
  });

  test("the same file name in another case and another folder is offered too", () => {
    expect(nearestPaths("out/Summary.JSON", ["reports/2024/summary.json"])).toEqual([
      "reports/2024/summary.json",
    ]);
  });

  test("property: a path that exists in another case is the first suggestion", () => {
    const segment = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,11}$/);
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(path, fc.array(path, { maxLength: 20 }), fc.nat(), (existing, others, seed) => {
        // Flip the case of one letter of the existing path to get the mistyped target.
        const letters = [...existing]
          .map((c, i) => [c, i] as const)
          .filter(([c]) => /[A-Za-z]/.test(c));
        const [c, at] = letters[seed % letters.length] as readonly [string, number];
        const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
        const target = existing.slice(0, at) + flipped + existing.slice(at + 1);
        const candidates = [...others.filter((p) => p !== target), existing];
        const near = nearestPaths(target, candidates);
        expect(near[0]?.toLowerCase()).toBe(target.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});
