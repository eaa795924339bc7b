import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { ExtendedBackend } from "../../src/core/types.js";
import { put, rejectsWith, text } from "./harness.js";

const OLD = new Date("2000-01-01T00:00:00.000Z");

/** SPEC "ExtendedBackend": stat, hash, mkdir, rmdir, copy, move, features. */
export function extendedContract(backend: () => ExtendedBackend): void {
  describe("stat / hash", () => {
    test("stat gives path, size, modTime, isDir, contentType and metadata", async () => {
      const b = backend();
      await put(b, "/docs//report.json", '{"a":1}', { modTime: OLD });
      const info = await b.stat("docs/report.json");
      expect(info).toMatchObject({ path: "docs/report.json", size: 7, isDir: false });
      expect(info.modTime).toBeInstanceOf(Date);
      expect(info.modTime.getTime()).toBe(OLD.getTime());
      expect(info.contentType).toBe("application/json");
      expect(info.metadata).toEqual({});
    });

    test("stat of a directory has size 0 and isDir", async () => {
      const b = backend();
      await put(b, "d/f.txt", "12345");
      const info = await b.stat("d");
      expect(info).toMatchObject({ path: "d", size: 0, isDir: true });
    });

    test("stat of a missing path rejects with NotFoundError", async () => {
      const b = backend();
      await rejectsWith(b.stat("nope"), "ENOENT", "stat", "nope");
    });

    test("hash gives lower-case hex md5, sha1 and sha256 of the content", async () => {
      const b = backend();
      const content = "hash me ✓";
      await put(b, "h.txt", content);
      for (const algorithm of ["md5", "sha1", "sha256"] as const) {
        const expected = createHash(algorithm).update(content).digest("hex");
        expect(await b.hash("h.txt", algorithm)).toBe(expected);
      }
      expect(b.features().hashes).toEqual(expect.arrayContaining(["md5", "sha1", "sha256"]));
    });

    test("hash of a missing file, a directory or with an unknown algorithm rejects", async () => {
      const b = backend();
      await b.mkdir("d");
      await put(b, "f.txt", "x");
      await rejectsWith(b.hash("nope", "md5"), "ENOENT", "hash", "nope");
      await rejectsWith(b.hash("d", "md5"), "EISDIR", "hash", "d");
      await rejectsWith(b.hash("f.txt", "crc32" as "md5"), "ENOTSUP", "hash", "f.txt");
    });
  });

  describe("mkdir / rmdir", () => {
    test("mkdir works like mkdir -p, and an existing directory is fine", async () => {
      const b = backend();
      await b.mkdir("x/y/z");
      for (const d of ["x", "x/y", "x/y/z"]) expect((await b.stat(d)).isDir).toBe(true);
      await expect(b.mkdir("x/y")).resolves.toBeUndefined();
      expect(await b.list()).toEqual([]);
    });

    test("mkdir of a file rejects with AlreadyExistsError; a file on the way with NotADirectoryError", async () => {
      const b = backend();
      await put(b, "f.txt", "x");
      await rejectsWith(b.mkdir("f.txt"), "EEXIST", "mkdir", "f.txt");
      await rejectsWith(b.mkdir("f.txt/sub"), "ENOTDIR", "mkdir", "f.txt/sub");
      expect(await b.exists("f.txt/sub")).toBe(false);
    });

    test("rmdir removes an empty directory", async () => {
      const b = backend();
      await b.mkdir("a/b");
      await b.rmdir("a/b");
      expect(await b.exists("a/b")).toBe(false);
      expect(await b.exists("a")).toBe(true);
    });

    test("rmdir rejects NotFoundError if missing, NotADirectoryError for a file", async () => {
      const b = backend();
      await put(b, "f.txt", "x");
      await rejectsWith(b.rmdir("nope"), "ENOENT", "rmdir", "nope");
      await rejectsWith(b.rmdir("f.txt"), "ENOTDIR", "rmdir", "f.txt");
    });

    test("rmdir rejects NotEmptyError when the directory holds a file or a directory", async () => {
      const b = backend();
      await put(b, "full/f.txt", "x");
      await b.mkdir("nested/inner");
      await rejectsWith(b.rmdir("full"), "ENOTEMPTY", "rmdir", "full");
      await rejectsWith(b.rmdir("nested"), "ENOTEMPTY", "rmdir", "nested");
      expect(await b.exists("full/f.txt")).toBe(true);
      expect(await b.exists("nested/inner")).toBe(true);
    });

    test("rmdir with recursive removes the whole subtree and nothing else", async () => {
      const b = backend();
      await put(b, "tree/a.txt", "a");
      await put(b, "tree/sub/b.txt", "b");
      await b.mkdir("tree/empty");
      await put(b, "tree-sibling.txt", "keep");
      await put(b, "treehouse/c.txt", "keep");
      await b.rmdir("tree", { recursive: true });
      expect(await b.exists("tree")).toBe(false);
      expect(await b.list()).toEqual(["tree-sibling.txt", "treehouse/c.txt"]);
    });
  });

  describe("copy / move", () => {
    test("copy of a file writes the exact destination path and creates its parents", async () => {
      const b = backend();
      await put(b, "src.txt", "content");
      await b.copy("src.txt", "deep/er/dst.txt");
      expect(await text(b, "deep/er/dst.txt")).toBe("content");
      expect(await text(b, "src.txt")).toBe("content");
      expect((await b.stat("deep/er")).isDir).toBe(true);
    });

    test("copy and move overwrite an existing destination file", async () => {
      const b = backend();
      await put(b, "a.txt", "A");
      await put(b, "b.txt", "B");
      await put(b, "c.txt", "C");
      await b.copy("a.txt", "b.txt");
      await b.move("a.txt", "c.txt");
      expect(await text(b, "b.txt")).toBe("A");
      expect(await text(b, "c.txt")).toBe("A");
      expect(await b.exists("a.txt")).toBe(false);
    });

    test("copy or move of a file onto a directory rejects with IsADirectoryError", async () => {
      const b = backend();
      await put(b, "f.txt", "x");
      await b.mkdir("dir");
      await rejectsWith(b.copy("f.txt", "dir"), "EISDIR", "copy", "dir");
      await rejectsWith(b.move("f.txt", "dir"), "EISDIR", "move", "dir");
      expect(await b.list()).toEqual(["f.txt"]);
    });

    test("copy or move of a missing source rejects with NotFoundError naming the source", async () => {
      const b = backend();
      await rejectsWith(b.copy("nope", "x"), "ENOENT", "copy", "nope");
      await rejectsWith(b.move("nope", "x"), "ENOENT", "move", "nope");
      expect(await b.exists("x")).toBe(false);
    });

    test("copy or move onto itself is a no-op", async () => {
      const b = backend();
      await put(b, "same.txt", "same", { modTime: OLD });
      await b.mkdir("d");
      await b.copy("same.txt", "/same.txt");
      await b.move("same.txt", "./same.txt");
      await b.move("d", "d/");
      expect(await text(b, "same.txt")).toBe("same");
      expect((await b.stat("same.txt")).modTime.getTime()).toBe(OLD.getTime());
      expect((await b.stat("d")).isDir).toBe(true);
    });

    test("copy of a directory copies the whole subtree, empty directories included", async () => {
      const b = backend();
      await put(b, "src/a.txt", "a");
      await put(b, "src/sub/b.txt", "b");
      await b.mkdir("src/empty");
      await b.copy("src", "dst/copy");
      expect(await b.list("dst/")).toEqual(["dst/copy/a.txt", "dst/copy/sub/b.txt"]);
      expect((await b.stat("dst/copy/empty")).isDir).toBe(true);
      expect(await b.list("src/")).toEqual(["src/a.txt", "src/sub/b.txt"]);
    });

    test("move of a directory moves the whole subtree", async () => {
      const b = backend();
      await put(b, "old/a.txt", "a");
      await put(b, "old/sub/b.txt", "b");
      await b.mkdir("old/empty");
      await put(b, "old-sibling.txt", "stays");
      await b.move("old", "new");
      expect(await b.list()).toEqual(["new/a.txt", "new/sub/b.txt", "old-sibling.txt"]);
      expect(await b.exists("old")).toBe(false);
      expect((await b.stat("new/empty")).isDir).toBe(true);
    });

    test("copy or move of a directory onto an existing path rejects with AlreadyExistsError", async () => {
      const b = backend();
      await put(b, "src/a.txt", "a");
      await b.mkdir("taken");
      await put(b, "file.txt", "f");
      await rejectsWith(b.copy("src", "taken"), "EEXIST", "copy", "taken");
      await rejectsWith(b.move("src", "file.txt"), "EEXIST", "move", "file.txt");
      expect(await b.list()).toEqual(["file.txt", "src/a.txt"]);
    });

    test("copy or move of a directory into its own subtree rejects with InvalidPathError", async () => {
      const b = backend();
      await put(b, "a/f.txt", "f");
      await rejectsWith(b.copy("a", "a/b"), "EINVAL", "copy", "a/b");
      await rejectsWith(b.move("a", "a/b/c"), "EINVAL", "move", "a/b/c");
      expect(await b.list()).toEqual(["a/f.txt"]);
      expect(await b.exists("a/b")).toBe(false);
    });

    test("a destination below a file rejects with NotADirectoryError", async () => {
      const b = backend();
      await put(b, "f.txt", "f");
      await put(b, "g.txt", "g");
      await rejectsWith(b.copy("g.txt", "f.txt/g.txt"), "ENOTDIR", "copy", "f.txt/g.txt");
      await rejectsWith(b.move("g.txt", "f.txt/g.txt"), "ENOTDIR", "move", "f.txt/g.txt");
      expect(await b.list()).toEqual(["f.txt", "g.txt"]);
    });

    test("move keeps the modification time; copy sets a new one", async () => {
      const b = backend();
      await put(b, "t.txt", "t", { modTime: OLD });
      await b.copy("t.txt", "copied.txt");
      await b.move("t.txt", "moved.txt");
      expect((await b.stat("moved.txt")).modTime.getTime()).toBe(OLD.getTime());
      expect((await b.stat("copied.txt")).modTime.getTime()).toBeGreaterThan(OLD.getTime());
    });

    test("copy keeps contentType and metadata where the backend stores them", async () => {
      const b = backend();
      const options = { contentType: "text/x-custom", metadata: { owner: "ada" } };
      await put(b, "meta.dat", "m", options);
      await b.copy("meta.dat", "meta-copy.dat");
      const original = await b.stat("meta.dat");
      const copied = await b.stat("meta-copy.dat");
      expect(copied.contentType).toBe(original.contentType);
      expect(copied.metadata).toEqual(original.metadata);
      if (b.features().customMetadata) {
        expect(copied.contentType).toBe("text/x-custom");
        expect(copied.metadata).toEqual({ owner: "ada" });
      }
    });
  });

  describe("features", () => {
    test("features() names every capability as a boolean or the list of hashes", () => {
      const f = backend().features();
      for (const key of [
        "copy",
        "move",
        "mkdir",
        "rmdir",
        "stat",
        "canStream",
        "rangeRead",
        "listPrefix",
        "setModTime",
        "customMetadata",
        "versioning",
        "serverSideEncryption",
      ] as const) {
        expect(typeof f[key], key).toBe("boolean");
      }
      expect(f).toMatchObject({ copy: true, move: true, mkdir: true, rmdir: true, stat: true });
      expect(Array.isArray(f.hashes)).toBe(true);
    });
  });
}
