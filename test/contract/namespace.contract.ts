import { describe, expect, test } from "vitest";
import type { ExtendedBackend } from "../../src/core/types.js";
import { put, rejectsWith, state, text } from "./harness.js";

/** SPEC "Backend": exists, delete, list, close. */
export function namespaceContract(backend: () => ExtendedBackend): void {
  describe("exists / delete / list", () => {
    test("exists is true for files and directories, false for missing paths", async () => {
      const b = backend();
      await put(b, "dir/file.txt", "x");
      await b.mkdir("empty");
      expect(await b.exists("dir/file.txt")).toBe(true);
      expect(await b.exists("dir")).toBe(true);
      expect(await b.exists("empty")).toBe(true);
      expect(await b.exists("missing")).toBe(false);
      expect(await b.exists("dir/missing.txt")).toBe(false);
    });

    test("below a file: exists is false, read/stat/hash give NotFoundError, delete is a no-op", async () => {
      const b = backend();
      await put(b, "a.txt", "file");
      expect(await b.exists("a.txt/b")).toBe(false);
      await rejectsWith(b.newReader("a.txt/b"), "ENOENT", "newReader", "a.txt/b");
      await rejectsWith(b.stat("a.txt/b"), "ENOENT", "stat", "a.txt/b");
      await rejectsWith(b.hash("a.txt/b", "sha256"), "ENOENT", "hash", "a.txt/b");
      await expect(b.delete("a.txt/b")).resolves.toBeUndefined();
      expect(await text(b, "a.txt")).toBe("file");
    });

    test("delete removes a file and is idempotent for a missing path", async () => {
      const b = backend();
      await put(b, "gone.txt", "x");
      await b.delete("gone.txt");
      expect(await b.exists("gone.txt")).toBe(false);
      await expect(b.delete("gone.txt")).resolves.toBeUndefined();
      await expect(b.delete("never/was.txt")).resolves.toBeUndefined();
    });

    test("delete of a directory rejects with IsADirectoryError (use rmdir)", async () => {
      const b = backend();
      await put(b, "d/f.txt", "x");
      await rejectsWith(b.delete("d"), "EISDIR", "delete", "d");
      expect(await b.list()).toEqual(["d/f.txt"]);
    });

    test("list returns every file under a prefix, sorted, without directories", async () => {
      const b = backend();
      for (const p of ["b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "a-b.txt", "c/d/e/f.txt"]) {
        await put(b, p, p);
      }
      await b.mkdir("empty/dir");
      expect(await b.list()).toEqual([
        "a-b.txt",
        "a.txt",
        "a/b/c.txt",
        "a/z.txt",
        "b.txt",
        "c/d/e/f.txt",
      ]);
      expect(await b.list("a")).toEqual(["a-b.txt", "a.txt", "a/b/c.txt", "a/z.txt"]);
      expect(await b.list("a/")).toEqual(["a/b/c.txt", "a/z.txt"]);
      expect(await b.list("empty")).toEqual([]);
      expect(await b.list("zzz")).toEqual([]);
    });

    test("list sorts by UTF-16 code unit, not by code point or locale", async () => {
      const b = backend();
      const names = ["\u{1F600}.txt", "\uFF61.txt", "Z.txt", "a.txt", "é.txt", "e.txt"];
      for (const n of names) await put(b, n, "x");
      const expected = [...names].sort();
      expect(await b.list()).toEqual(expected);
      // A surrogate pair (0xD83D…) sorts before U+FF61 in UTF-16 although its code point is larger.
      expect(expected.indexOf("\u{1F600}.txt")).toBeLessThan(expected.indexOf("\uFF61.txt"));
    });

    test("a list prefix loses one leading slash; a trailing slash is kept", async () => {
      const b = backend();
      await put(b, "data/x.txt", "x");
      await put(b, "database.txt", "db");
      expect(await b.list("data/")).toEqual(["data/x.txt"]);
      expect(await b.list("/data/")).toEqual(["data/x.txt"]);
      expect(await b.list("data")).toEqual(["data/x.txt", "database.txt"]);
      expect(await b.list("//data")).toEqual([]);
      expect(await b.list("")).toEqual(["data/x.txt", "database.txt"]);
    });
  });

  describe("close", () => {
    test("list is a plain prefix match: a prefix no stored path can start with gives [], never an error", async () => {
      const b = backend();
      await put(b, "data/a.txt", "a");
      const long = "x".repeat(300);
      const prefixes = [`${long}/`, `data/${long}`, `data/${long}/`, `${"d/".repeat(2100)}`];
      for (const prefix of [...prefixes, "data/a.txt/", "data//", "./data/", "data/../"]) {
        expect(await b.list(prefix), JSON.stringify(prefix.slice(0, 40))).toEqual([]);
      }
    });

    test("close is idempotent and afterwards every method rejects with BackendClosedError", async () => {
      const b = backend();
      await put(b, "f.txt", "x");
      await b.close();
      await b.close();
      const calls: [string, () => Promise<unknown>][] = [
        ["newWriter", () => b.newWriter("f.txt")],
        ["newReader", () => b.newReader("f.txt")],
        ["exists", () => b.exists("f.txt")],
        ["delete", () => b.delete("f.txt")],
        ["list", () => b.list()],
        ["stat", () => b.stat("f.txt")],
        ["hash", () => b.hash("f.txt", "md5")],
        ["mkdir", () => b.mkdir("d")],
        ["rmdir", () => b.rmdir("d")],
        ["copy", () => b.copy("f.txt", "g.txt")],
        ["move", () => b.move("f.txt", "g.txt")],
      ];
      for (const [op, call] of calls) await rejectsWith(call(), "ERR_BACKEND_CLOSED", op);
    });

    test("close() of a writer still open when the backend closed rejects with BackendClosedError", async () => {
      const b = backend();
      const w = await b.newWriter("open.txt");
      await w.write("x");
      await b.close();
      await rejectsWith(w.close(), "ERR_BACKEND_CLOSED", "close", "open.txt");
    });

    test("backends are AsyncDisposable", async () => {
      const b = backend();
      await put(b, "f.txt", "x");
      await b[Symbol.asyncDispose]();
      await rejectsWith(b.exists("f.txt"), "ERR_BACKEND_CLOSED", "exists");
    });

    test("a failed operation leaves the store as it was", async () => {
      const b = backend();
      await put(b, "a.txt", "a");
      await put(b, "d/f.txt", "f");
      const before = await state(b);
      await rejectsWith(b.newWriter("a.txt/x"), "ENOTDIR", "newWriter");
      await rejectsWith(b.mkdir("a.txt/x/y"), "ENOTDIR", "mkdir");
      await rejectsWith(b.copy("d", "a.txt/d"), "ENOTDIR", "copy");
      await rejectsWith(b.move("d", "d/inner"), "EINVAL", "move");
      await rejectsWith(b.rmdir("d"), "ENOTEMPTY", "rmdir");
      expect(await state(b)).toEqual(before);
      expect(await b.exists("a.txt/x")).toBe(false);
    });
  });
}
