import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isInvalidPath } from "../../src/core/errors.js";
import {
  ancestorsOf,
  baseName,
  isWithin,
  normalizePath,
  normalizePrefix,
  parentOf,
} from "../../src/core/paths.js";

// The SPEC's rule, written the slow and obvious way: split, drop "" and ".", reject "..",
// reject what is not well-formed Unicode (encodeURIComponent throws on a lone surrogate).
function reference(path: string): string | "invalid" {
  if (path.includes("\0")) return "invalid";
  try {
    encodeURIComponent(path);
  } catch {
    return "invalid";
  }
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..") || segments.length === 0) return "invalid";
  return segments.join("/");
}

const pathLike = fc
  .array(
    fc.constantFrom(
      ..."a b . .. ü \0 ... .x x.".split(" "),
      "",
      "\ud800",
      "\udfff",
      "\ud83d\ude00",
      "\ud83d",
      "\ude00",
    ),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join("/"));

describe("normalizePath", () => {
  test("agrees with the reference rule on arbitrary path-like strings", () => {
    fc.assert(
      fc.property(fc.oneof(pathLike, fc.string()), (path) => {
        const expected = reference(path);
        if (expected === "invalid") {
          expect(() => normalizePath("op", path)).toThrow(
            expect.objectContaining({ code: "EINVAL", op: "op" }),
          );
        } else expect(normalizePath("op", path)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  test("is idempotent", () => {
    fc.assert(
      fc.property(pathLike, (path) => {
        if (reference(path) === "invalid") return;
        const once = normalizePath("op", path);
        expect(normalizePath("op", once)).toBe(once);
      }),
    );
  });

  test("rejects non-strings with InvalidPathError", () => {
    for (const value of [undefined, null, 42, {}]) {
      let caught: unknown;
      try {
        normalizePath("stat", value as unknown as string);
      } catch (err) {
        caught = err;
      }
      expect(isInvalidPath(caught)).toBe(true);
      expect((caught as Error).message).toMatch(/^stat: path must be a string/);
    }
  });

  test("keeps names that only look special", () => {
    for (const name of ["...", ".hidden", "a..b", "%2e%2e", "a\\..\\b", "C:", "~"]) {
      expect(normalizePath("op", name)).toBe(name);
    }
  });
});

describe("normalizePrefix", () => {
  test("drops exactly one leading slash and nothing else", () => {
    expect(normalizePrefix(undefined)).toBe("");
    expect(normalizePrefix("/data/")).toBe("data/");
    expect(normalizePrefix("//data")).toBe("/data");
    expect(normalizePrefix("a/./b")).toBe("a/./b");
  });
});

describe("path helpers", () => {
  test("parentOf, baseName, ancestorsOf and isWithin", () => {
    expect(parentOf("a/b/c")).toBe("a/b");
    expect(parentOf("a")).toBe("");
    expect(baseName("a/b/c.txt")).toBe("c.txt");
    expect(ancestorsOf("a/b/c")).toEqual(["a", "a/b"]);
    expect(ancestorsOf("a")).toEqual([]);
    expect(isWithin("a/b", "a")).toBe(true);
    expect(isWithin("a", "a")).toBe(true);
    expect(isWithin("ab", "a")).toBe(false);
    expect(isWithin("a-b/c", "a")).toBe(false);
  });
});
