import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentTypeOf, DEFAULT_CONTENT_TYPE } from "../../src/core/content-type.js";

describe("contentTypeOf", () => {
  it("maps the last segment's extension, case-insensitively", () => {
    expect(contentTypeOf("a/b/report.JSON")).toBe("application/json");
    expect(contentTypeOf("notes.txt")).toBe("text/plain; charset=utf-8");
    expect(contentTypeOf("x/archive.tar.gz")).toBe("application/gzip");
    expect(contentTypeOf("..txt")).toBe("text/plain; charset=utf-8");
  });

  it("falls back when the last segment has no extension of its own", () => {
    for (const path of [".env", "a/.env", "a.json/readme", "a/b.", "Makefile", "a/b.unknown"]) {
      expect(contentTypeOf(path)).toBe(DEFAULT_CONTENT_TYPE);
    }
  });

  it("depends only on the last segment", () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9._-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 3 }), segment, (dirs, name) => {
        expect(contentTypeOf([...dirs, name].join("/"))).toBe(contentTypeOf(name));
      }),
    );
  });
});
