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
});
