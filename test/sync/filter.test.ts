import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compileFilter } from "../../src/sync/filter.js";

const segment = fc.constantFrom("a", "b", "src", "x.json", "y.tmp", "node_modules");
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));

describe("sync filters", () => {
  test("no filter lets everything take part", () => {
    fc.assert(fc.property(path, (p) => compileFilter(undefined)(p) && compileFilter({})(p)));
  });

  test("a pattern without `/` matches the file name at any depth", () => {
    const takesPart = compileFilter({ include: "*.json" });
    fc.assert(
      fc.property(path, (p) => {
        expect(takesPart(p)).toBe(p.endsWith(".json"));
      }),
    );
  });

  test("a pattern with `/` matches the whole relative path", () => {
    const takesPart = compileFilter({ include: "src/*.json" });
    expect(takesPart("src/x.json")).toBe(true);
    expect(takesPart("a/src/x.json")).toBe(false);
    expect(takesPart("src/a/x.json")).toBe(false);
  });

  test("`**` crosses folders", () => {
    const takesPart = compileFilter({ include: "src/**/x.json" });
    expect(takesPart("src/x.json")).toBe(true);
    expect(takesPart("src/a/b/x.json")).toBe(true);
    expect(takesPart("a/src/x.json")).toBe(false);
  });

  test("a leading `/` anchors a name to the top folder", () => {
    const takesPart = compileFilter({ include: "/*.json" });
    expect(takesPart("x.json")).toBe(true);
    expect(takesPart("a/x.json")).toBe(false);
  });

  test("a trailing `/` means a folder: every file below a folder of that name", () => {
    const takesPart = compileFilter({ exclude: "node_modules/" });
    fc.assert(
      fc.property(path, (p) => {
        const inside = p.split("/").slice(0, -1).includes("node_modules");
        expect(takesPart(p)).toBe(!inside);
      }),
    );
  });

  test("exclude wins over include", () => {
    fc.assert(
      fc.property(path, (p) => {
        const both = compileFilter({ include: ["*.json", "*.tmp"], exclude: "*.tmp" });
        expect(both(p)).toBe(p.endsWith(".json"));
      }),
    );
  });

  test("a list of includes takes the union", () => {
    const takesPart = compileFilter({ include: ["*.json", "*.tmp"] });
    fc.assert(
      fc.property(path, (p) => {
        expect(takesPart(p)).toBe(p.endsWith(".json") || p.endsWith(".tmp"));
      }),
    );
  });

  test("empty or non-string patterns are a TypeError", () => {
    expect(() => compileFilter({ include: "" })).toThrow(TypeError);
    expect(() => compileFilter({ exclude: ["/"] })).toThrow(/filter\.exclude/);
    expect(() => compileFilter({ include: [42 as unknown as string] })).toThrow(TypeError);
  });
});
