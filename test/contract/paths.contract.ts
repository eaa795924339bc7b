import { describe, expect, test } from "vitest";
import type { ExtendedBackend } from "../../src/core/types.js";
import { everyPathCall, put, rejectsWith, text } from "./harness.js";

/** SPEC "Paths" and "Errors", through every operation of a backend. */
export function pathsContract(backend: () => ExtendedBackend): void {
  describe("paths", () => {
    test("a leading slash, doubled slashes, dot segments and a trailing slash are normalised away", async () => {
      const b = backend();
      await put(b, "/a//b/./c.txt", "same");
      expect(await b.list()).toEqual(["a/b/c.txt"]);
      for (const spelling of [
        "a/b/c.txt",
        "/a/b/c.txt",
        "a//b//c.txt",
        "./a/b/./c.txt",
        "a/b/c.txt/",
      ]) {
        expect(await text(b, spelling)).toBe("same");
      }
      expect((await b.stat("/a/./b/")).path).toBe("a/b");
    });

    const bad: [string, string][] = [
      ["the empty path", ""],
      ["a path of slashes only", "///"],
      ["a lone dot", "."],
      ["a .. segment", "a/../b"],
      ["a leading ..", "../etc/passwd"],
      ["a trailing ..", "a/.."],
      ["a NUL character", "a\0b"],
      ["a lone high surrogate", "a\ud800.txt"],
      ["a lone low surrogate", "dir/\udfff"],
      ["a high surrogate at the end", "x\udbff"],
      ["two high surrogates in a row", "\ud800\ud800\udc00"],
    ];
    for (const [what, path] of bad) {
      test(`${what} is rejected with InvalidPathError by every operation`, async () => {
        const b = backend();
        await put(b, "ok.txt", "ok");
        for (const [op, call] of everyPathCall(b, path)) await rejectsWith(call(), "EINVAL", op);
        expect(await b.list()).toEqual(["ok.txt"]);
      });
    }

    test("keys are exact: no Unicode normalisation and no case folding", async () => {
      const b = backend();
      const nfc = "caf\u00e9.txt";
      const nfd = "cafe\u0301.txt";
      await put(b, nfc, "nfc");
      await put(b, nfd, "nfd");
      await put(b, "Readme.md", "upper");
      await put(b, "readme.md", "lower");
      expect(await text(b, nfc)).toBe("nfc");
      expect(await text(b, nfd)).toBe("nfd");
      expect(await text(b, "Readme.md")).toBe("upper");
      expect(await text(b, "readme.md")).toBe("lower");
      expect(await b.list()).toHaveLength(4);
    });

    test("__proto__, constructor and other Object.prototype names are ordinary names", async () => {
      const b = backend();
      const names = ["__proto__", "constructor", "hasOwnProperty", "toString", "prototype"];
      for (const n of names) await put(b, `${n}/${n}.txt`, n);
      for (const n of names) expect(await text(b, `${n}/${n}.txt`)).toBe(n);
      expect(await b.list()).toEqual(names.map((n) => `${n}/${n}.txt`).sort());
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    test("backslashes and percent escapes are ordinary characters", async () => {
      const b = backend();
      await put(b, "a\\b.txt", "backslash");
      await put(b, "%2e%2e/x.txt", "percent");
      expect(await b.list()).toEqual(["%2e%2e/x.txt", "a\\b.txt"]);
      expect(await text(b, "a\\b.txt")).toBe("backslash");
    });
  });

  describe("errors", () => {
    test("errors carry code, op (the method name) and the normalised path, and name both in the message", async () => {
      const b = backend();
      const err = await b.newReader("/dir//missing.txt").catch((e: unknown) => e);
      expect(err).toMatchObject({
        name: "NotFoundError",
        code: "ENOENT",
        op: "newReader",
        path: "dir/missing.txt",
      });
      expect((err as Error).message).toBe('newReader "dir/missing.txt": no such file or directory');
    });

    test("a conflict names the destination; a missing source names the source", async () => {
      const b = backend();
      await put(b, "src/f.txt", "f");
      await b.mkdir("dst");
      await rejectsWith(b.copy("src", "/dst/"), "EEXIST", "copy", "dst");
      await rejectsWith(b.move("/nope/", "dst2"), "ENOENT", "move", "nope");
    });
  });
}
