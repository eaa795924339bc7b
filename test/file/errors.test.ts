import { rm, stat, utimes, writeFile as writeDisk } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  isADirectory,
  isAlreadyExists,
  isInvalidPath,
  isNotADirectory,
  isNotEmpty,
  isNotFound,
  isNotSupported,
  isPermissionDenied,
  isQuotaExceeded,
  isStorageError,
  type StorageError,
} from "../../src/core/errors.js";
import { writeFile } from "../../src/core/helpers.js";
import { mapFsError } from "../../src/file/fs-errors.js";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { sync } from "../../src/sync/index.js";
import { onDisk, tempDir, useDisk } from "./disk.js";

const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: from node:fs`), { code, errno: -1, syscall: "open" });

describe("node errno maps to the SPEC's error classes", () => {
  const table: [string, (e: unknown) => boolean][] = [
    ["ENOENT", isNotFound],
    ["EEXIST", isAlreadyExists],
    ["EISDIR", isADirectory],
    ["ENOTDIR", isNotADirectory],
    ["ENOTEMPTY", isNotEmpty],
    ["EACCES", isPermissionDenied],
    ["EPERM", isPermissionDenied],
    ["EROFS", isPermissionDenied],
    ["ELOOP", isPermissionDenied],
    ["ENOSPC", isQuotaExceeded],
    ["EDQUOT", isQuotaExceeded],
    ["EFBIG", isQuotaExceeded],
    ["ENAMETOOLONG", isInvalidPath],
    ["ENOTSUP", isNotSupported],
    ["EXDEV", isNotSupported],
  ];
  for (const [code, guard] of table) {
    test(`${code} becomes the matching class, with op, path and the node error as cause`, () => {
      const original = errno(code);
      const mapped = mapFsError("newWriter", "a/b.txt", original) as StorageError;
      expect(guard(mapped)).toBe(true);
      expect(mapped).toMatchObject({ op: "newWriter", path: "a/b.txt", cause: original });
      expect(mapped.message).toContain('newWriter "a/b.txt"');
    });
  }

  test("errors without a storage meaning, and storage errors, pass through unchanged", () => {
    const io = errno("EIO");
    expect(mapFsError("read", "x", io)).toBe(io);
    const already = mapFsError("read", "x", errno("ENOENT"));
    expect(mapFsError("stat", "y", already)).toBe(already);
    expect(mapFsError("read", "x", "a string")).toBe("a string");
  });
});

describe("FileBackend errors on a real disk match MemoryBackend's choices", () => {
  const disk = useDisk();

  test("a name longer than the filesystem allows is an InvalidPathError naming op and path", async () => {
    const { backend } = disk();
    const long = "x".repeat(300);
    const err = await writeFile(backend, `d/${long}`, "x").catch((e: unknown) => e);
    expect(isInvalidPath(err)).toBe(true);
    expect(err).toMatchObject({ path: `d/${long}` });
    expect(await backend.list()).toEqual([]);
  });

  test("a name longer than the filesystem allows fails newWriter itself, before anything is staged", async () => {
    const { backend, root } = disk();
    const long = "é".repeat(128); // 256 bytes in UTF-8: one more than a name may hold
    const err = await backend.newWriter(`d/${long}`).catch((e: unknown) => e);
    expect(isInvalidPath(err)).toBe(true);
    expect(err).toMatchObject({ op: "newWriter", path: `d/${long}` });
    expect(backend.openHandles()).toEqual([]);
    const dirErr = await backend.mkdir(`m/${long}/x`).catch((e: unknown) => e);
    expect(dirErr).toMatchObject({ code: "EINVAL", op: "mkdir" });
    expect(await onDisk(root)).toEqual([]);
  });

  test("a modTime the filesystem cannot hold fails close() with a RangeError naming modTime, storing nothing", async () => {
    const { backend, root } = disk();
    // What this filesystem does with the extreme Dates (ext4 clamps to 1901..2446; some keep them).
    const probe = join(root, "..", "probe");
    await writeDisk(probe, "x");
    for (const ms of [8.64e15, -8.64e15]) {
      await utimes(probe, new Date(ms), new Date(ms));
      const kept = Math.abs((await stat(probe)).mtimeMs - ms) < 1000;
      const modTime = new Date(ms);
      const outcome = await writeFile(backend, "far.txt", "x", { modTime }).catch(
        (e: unknown) => e,
      );
      if (kept) {
        expect(outcome).toBeUndefined();
        expect((await backend.stat("far.txt")).modTime.getTime()).toBe(ms);
        await backend.delete("far.txt");
      } else {
        expect(outcome).toBeInstanceOf(RangeError);
        expect((outcome as Error).message).toMatch(/close "far\.txt".*modTime/);
        expect(await onDisk(root)).toEqual([]);
      }
    }
  });

  test("a directory swapped in at the target between newWriter and close gives IsADirectoryError at close", async () => {
    const { backend } = disk();
    const writer = await backend.newWriter("x/y");
    await writer.write("data");
    await backend.mkdir("x/y/z");
    await expect(writer.close()).rejects.toMatchObject({
      code: "EISDIR",
      op: "close",
      path: "x/y",
    });
    expect(await backend.list()).toEqual([]);
  });

  test("a file put on the way between newWriter and close gives NotADirectoryError at close", async () => {
    const { backend } = disk();
    const writer = await backend.newWriter("p/q.txt");
    await writeFile(backend, "p", "now a file");
    await expect(writer.close()).rejects.toMatchObject({
      code: "ENOTDIR",
      op: "close",
      path: "p/q.txt",
    });
  });

  test("a file that vanishes between the check and the open is a NotFoundError, not a raw errno", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "here.txt", "x");
    await rm(join(root, "here.txt"));
    const err = await backend.newReader("here.txt").catch((e: unknown) => e);
    expect(isStorageError(err, "ENOENT")).toBe(true);
  });

  test("a modTime that is not a valid Date is a TypeError naming the path", async () => {
    const { backend } = disk();
    await expect(backend.newWriter("t.txt", { modTime: new Date(Number.NaN) })).rejects.toThrow(
      /newWriter "t.txt": modTime/,
    );
  });
});

describe("the FileBackend root", () => {
  test("is created like mkdir -p when missing", async () => {
    const base = await tempDir("root");
    const backend = new FileBackend({ root: join(base, "a", "b", "c") });
    await writeFile(backend, "f.txt", "x");
    expect(await backend.list()).toEqual(["f.txt"]);
    await backend.close();
    await rm(base, { recursive: true });
  });

  test("that is a file is a NotADirectoryError from the constructor", async () => {
    const base = await tempDir("root");
    await writeDisk(join(base, "file"), "x");
    expect(() => new FileBackend({ root: join(base, "file") })).toThrow(
      expect.objectContaining({ code: "ENOTDIR", op: "open" }),
    );
    expect(() => new FileBackend({ root: join(base, "file", "below") })).toThrow(
      expect.objectContaining({ code: "ENOTDIR" }),
    );
    await rm(base, { recursive: true });
  });

  test("holding a NUL character is a TypeError naming options.root", () => {
    expect(() => new FileBackend({ root: "/tmp/a\0b" })).toThrow(TypeError);
    expect(() => new FileBackend({ root: "/tmp/a\0b" })).toThrow(/options\.root/);
  });

  test("that vanished is an error for list, not an empty store: sync deletes nothing from the backup", async () => {
    const base = await tempDir("root");
    const disk = new FileBackend({ root: join(base, "root") });
    await writeFile(disk, "data/a.txt", "a");
    const backup = new MemoryBackend();
    await sync(disk, backup, "", "", { deleteExtra: true });
    await rm(disk.root, { recursive: true }); // an unmounted disk, a folder removed by hand
    for (const prefix of ["", "data/", "da"]) {
      await expect(disk.list(prefix)).rejects.toMatchObject({ code: "ENOENT", op: "list" });
    }
    await expect(sync(disk, backup, "", "", { deleteExtra: true })).rejects.toThrow(/root/);
    expect(await backup.list()).toEqual(["data/a.txt"]);
    await disk.close();
    await rm(base, { recursive: true });
  });

  test("is required", () => {
    expect(() => new FileBackend({ root: "" })).toThrow(TypeError);
    expect(() => new FileBackend(undefined as unknown as { root: string })).toThrow(/root/);
  });
});
