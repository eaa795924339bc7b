import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isNotFound } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import { STAGING_DIR } from "../../src/file/confined-root.js";
import { diskText, onDisk, useDisk } from "./disk.js";

describe("FileBackend writes are atomic", () => {
  const disk = useDisk();

  test("a reader opened before close sees the old content; one opened after sees the new", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "doc.txt", "old");
    const writer = await backend.newWriter("doc.txt");
    await writer.write("new ");
    await writer.write("content");
    expect(await readText(backend, "doc.txt")).toBe("old");
    expect(await diskText(join(root, "doc.txt"))).toBe("old");
    const before = await backend.newReader("doc.txt");
    await writer.close();
    expect(await readText(backend, "doc.txt")).toBe("new content");
    const chunks: string[] = [];
    for await (const chunk of before) chunks.push(new TextDecoder().decode(chunk));
    expect(chunks.join("")).toBe("old");
  });

  test("the target is replaced by one rename: its inode changes, and no partial file is ever at the path", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "f.bin", new Uint8Array(10));
    const writer = await backend.newWriter("f.bin");
    for (let i = 0; i < 20; i++) {
      await writer.write(new Uint8Array(1000).fill(i));
      expect((await backend.stat("f.bin")).size).toBe(10);
    }
    await writer.close();
    expect((await backend.stat("f.bin")).size).toBe(20_000);
    expect(await onDisk(root)).toEqual(["f.bin"]);
  });

  test("an aborted writer leaves nothing: no file, no parent directories, no temporary file", async () => {
    const { backend, root } = disk();
    const writer = await backend.newWriter("new/deep/file.txt");
    await writer.write("data that must vanish");
    await writer.abort(new Error("no"));
    expect(await onDisk(root)).toEqual([]);
    expect(await backend.exists("new")).toBe(false);
  });

  test("a writer aborted by its signal leaves nothing either", async () => {
    const { backend, root } = disk();
    await backend.mkdir("kept");
    const controller = new AbortController();
    const writer = await backend.newWriter("kept/new/file.txt", { signal: controller.signal });
    await writer.write("x");
    controller.abort(new Error("stop"));
    await expect(writer.close()).rejects.toMatchObject({ code: "ERR_WRITER_CLOSED" });
    expect(await backend.list()).toEqual([]);
    // The signal's abort cleans up asynchronously; closing the backend waits for it.
    await backend.close();
    expect(await onDisk(root)).toEqual(["kept/"]);
  });

  test("a commit that fails leaves the old content and removes the parents it created", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "keep.txt", "old");
    const overwrite = await backend.newWriter("keep.txt");
    const fresh = await backend.newWriter("made/at/commit.txt");
    await overwrite.write("new");
    await fresh.write("new");
    // Someone removes the staged temporaries behind the backend's back: the rename must fail.
    await rm(join(root, STAGING_DIR), { recursive: true, force: true });
    const err = await overwrite.close().catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect(err).toMatchObject({ op: "close", path: "keep.txt" });
    await expect(fresh.close()).rejects.toMatchObject({ code: "ENOENT", op: "close" });
    expect(await readText(backend, "keep.txt")).toBe("old");
    expect(await onDisk(root)).toEqual(["keep.txt"]);
  });

  test("a failing source in a pipeline leaves the old content and no temporary file", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "safe.txt", "safe");
    const writer = await backend.newWriter("safe.txt");
    const { pipeline } = await import("node:stream/promises");
    const { Readable } = await import("node:stream");
    async function* failing() {
      yield "partial";
      throw new Error("source broke");
    }
    await expect(pipeline(Readable.from(failing()), writer.toWritable())).rejects.toThrow(
      "source broke",
    );
    expect(await diskText(join(root, "safe.txt"))).toBe("safe");
    expect(await backend.list()).toEqual(["safe.txt"]);
    // Node's pipeline rejects before the writable's destroy (our abort) has finished.
    await backend.close();
    expect(await onDisk(root)).toEqual(["safe.txt"]);
  });

  test("parents are created at commit, not at newWriter", async () => {
    const { backend, root } = disk();
    const writer = await backend.newWriter("a/b/c.txt");
    await writer.write("c");
    expect(await readdir(root)).not.toContain("a");
    await writer.close();
    expect(await onDisk(root)).toEqual(["a/", "a/b/", "a/b/c.txt"]);
  });

  test("a writer whose directory is removed meanwhile still commits, recreating it", async () => {
    const { backend } = disk();
    await backend.mkdir("d");
    const writer = await backend.newWriter("d/f.txt");
    await writer.write("survives");
    await backend.rmdir("d");
    await writer.close();
    expect(await readText(backend, "d/f.txt")).toBe("survives");
  });

  test("moving a directory while a writer into it is open neither fails nor carries the temporary along", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "d/a.txt", "a");
    const writer = await backend.newWriter("d/b.txt");
    await writer.write("b");
    await backend.move("d", "e");
    expect(await onDisk(join(root, "e"))).toEqual(["a.txt"]);
    await writer.close();
    expect(await backend.list()).toEqual(["d/b.txt", "e/a.txt"]);
  });
});
