import { mkdirSync } from "node:fs";
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readText, writeFile } from "../../src/core/helpers.js";
import { onDisk, useDisk } from "./disk.js";

const OLD = new Date("2001-09-09T01:46:40.123Z");

describe("FileBackend directories, copy and move on disk", () => {
  const disk = useDisk();

  test("moving a directory keeps the modification times of the directory and of its files", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "d/f.txt", "f", { modTime: OLD });
    await utimes(join(root, "d"), OLD, OLD);
    await backend.move("d", "moved/d");
    expect((await backend.stat("moved/d")).modTime.getTime()).toBe(OLD.getTime());
    expect((await backend.stat("moved/d/f.txt")).modTime.getTime()).toBe(OLD.getTime());
  });

  test("copying a directory gives every copied file a new modification time and the same bytes", async () => {
    const { backend } = disk();
    await writeFile(backend, "d/a.txt", "a", { modTime: OLD });
    await writeFile(backend, "d/s/b.bin", new Uint8Array([1, 2, 3]), { modTime: OLD });
    await backend.copy("d", "c");
    for (const p of ["a.txt", "s/b.bin"]) {
      expect((await backend.stat(`c/${p}`)).modTime.getTime()).toBeGreaterThan(OLD.getTime());
      expect(await backend.hash(`c/${p}`, "sha256")).toBe(await backend.hash(`d/${p}`, "sha256"));
    }
  });

  test("a directory copy onto a path that appears while copying is refused, leaving that path alone", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "src/a.txt", "a");
    let checks = 0;
    // Plants an empty directory at the destination in the middle of the copy: rename would
    // silently replace it, so the backend must check again before renaming.
    const signal = new AbortController().signal;
    signal.throwIfAborted = () => {
      if (++checks === 2) mkdirSync(join(root, "dst"));
    };
    const err = await backend.copy("src", "dst", { signal }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "EEXIST", op: "copy", path: "dst" });
    expect(await onDisk(root)).toEqual(["dst/", "src/", "src/a.txt"]);
  });

  test("copy overwrites an existing file atomically and keeps the source", async () => {
    const { backend } = disk();
    await writeFile(backend, "a.txt", "new");
    await writeFile(backend, "b.txt", "old");
    const reader = await backend.newReader("b.txt");
    await backend.copy("a.txt", "b.txt");
    expect(await readText(backend, "b.txt")).toBe("new");
    const chunks: Uint8Array[] = [];
    for await (const c of reader) chunks.push(c);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe("old");
  });

  test("stat infers the content type from the extension; directories have none", async () => {
    const { backend } = disk();
    await writeFile(backend, "a/page.HTML", "<p>", { contentType: "text/x-ignored" });
    await writeFile(backend, "a/blob", "?");
    expect((await backend.stat("a/page.HTML")).contentType).toBe("text/html; charset=utf-8");
    expect((await backend.stat("a/blob")).contentType).toBe("application/octet-stream");
    expect(await backend.stat("a")).toMatchObject({ contentType: "", size: 0, metadata: {} });
  });

  test("custom metadata is accepted and not stored (features().customMetadata is false)", async () => {
    const { backend } = disk();
    await writeFile(backend, "m.txt", "m", { metadata: { owner: "ada" } });
    expect((await backend.stat("m.txt")).metadata).toEqual({});
    expect(backend.features()).toMatchObject({
      customMetadata: false,
      setModTime: true,
      versioning: false,
      serverSideEncryption: false,
      hashes: ["md5", "sha1", "sha256"],
    });
  });

  test("rmdir without recursive refuses a directory holding only an empty subdirectory", async () => {
    const { backend } = disk();
    await backend.mkdir("a/b");
    await expect(backend.rmdir("a")).rejects.toMatchObject({ code: "ENOTEMPTY", path: "a" });
    await backend.rmdir("a", { recursive: true });
    expect(await backend.exists("a")).toBe(false);
  });
});
