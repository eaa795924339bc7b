import { readdir } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { toTree } from "../../matchers/index.js";
import { writeFile } from "../../src/core/helpers.js";
import { STAGING_DIR } from "../../src/file/confined-root.js";
import { onDisk, useDisk } from "./disk.js";

describe("FileBackend's temporary files are invisible", () => {
  const disk = useDisk();

  test("while writers are open their temporaries exist on disk but list, exists and stat never show them", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "a.txt", "a");
    const writers = await Promise.all(
      ["a.txt", "b/c.txt", "d.txt"].map((p) => backend.newWriter(p)),
    );
    for (const w of writers) await w.write("pending");
    expect(await readdir(root)).toContain(STAGING_DIR);
    expect(await backend.list()).toEqual(["a.txt"]);
    expect(await backend.list(".")).toEqual([]);
    expect(await backend.list(STAGING_DIR)).toEqual([]);
    expect(await backend.list(`${STAGING_DIR}/`)).toEqual([]);
    expect(await backend.exists(STAGING_DIR)).toBe(false);
    await expect(backend.stat(STAGING_DIR)).rejects.toMatchObject({ code: "ENOENT" });
    for (const w of writers) await w.close();
    expect(await onDisk(root)).toEqual(["a.txt", "b/", "b/c.txt", "d.txt"]);
  });

  test("toTree of a backend with writes in progress shows only committed files", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "data.json", '{"ok":true}');
    const writer = await backend.newWriter("pending.txt");
    await writer.write("not yet");
    expect(await readdir(root)).toContain(STAGING_DIR);
    expect(await toTree(backend)).toEqual({ "data.json": { ok: true } });
    await writer.close();
    expect(await toTree(backend)).toEqual({ "data.json": { ok: true }, "pending.txt": "not yet" });
  });

  test("nothing can be created under the reserved name at the top level", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "ok.txt", "ok");
    for (const call of [
      () => backend.newWriter(`${STAGING_DIR}/x.txt`),
      () => backend.newWriter(STAGING_DIR),
      () => backend.mkdir(`${STAGING_DIR}/d`),
      () => backend.copy("ok.txt", `/${STAGING_DIR}/x`),
      () => backend.move("ok.txt", STAGING_DIR),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "EINVAL" });
    }
    await expect(backend.newWriter(STAGING_DIR)).rejects.toThrow(/reserved/);
    expect(await onDisk(root)).toEqual(["ok.txt"]);
  });

  test("reading, deleting or removing the reserved name acts as if nothing were there", async () => {
    const { backend } = disk();
    const writer = await backend.newWriter("pending.txt");
    await expect(backend.newReader(`${STAGING_DIR}/x`)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(backend.rmdir(STAGING_DIR)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(backend.delete(STAGING_DIR)).resolves.toBeUndefined();
    await expect(backend.copy(STAGING_DIR, "x")).rejects.toMatchObject({ code: "ENOENT" });
    await writer.close();
    expect(await backend.list()).toEqual(["pending.txt"]);
  });

  test("the name is reserved only at the top level: deeper down it is an ordinary name", async () => {
    const { backend } = disk();
    await writeFile(backend, `sub/${STAGING_DIR}/f.txt`, "fine");
    expect(await backend.list()).toEqual([`sub/${STAGING_DIR}/f.txt`]);
  });

  test("many writes and copies starting while others finish never trip over the staging directory coming and going", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "seed.txt", "seed");
    const ops: Promise<void>[] = [];
    for (let i = 0; i < 150; i++) {
      ops.push(writeFile(backend, `w/${i % 7}/f${i}.txt`, `file ${i}`));
      if (i % 10 === 0) ops.push(backend.copy("seed.txt", `c/copy${i}.txt`));
    }
    await Promise.all(ops);
    expect(await backend.list("w/")).toHaveLength(150);
    expect(await backend.list("c/")).toHaveLength(15);
    expect(await readdir(root)).not.toContain(STAGING_DIR);
  });

  test("the staging directory is removed once no write or copy is in progress", async () => {
    const { backend, root } = disk();
    const first = await backend.newWriter("one.txt");
    const second = await backend.newWriter("two.txt");
    await first.close();
    expect(await readdir(root)).toContain(STAGING_DIR);
    await second.abort();
    await backend.copy("one.txt", "three.txt");
    await writeFile(backend, "src/x.txt", "x");
    await backend.copy("src", "copy");
    expect(await onDisk(root)).toEqual([
      "copy/",
      "copy/x.txt",
      "one.txt",
      "src/",
      "src/x.txt",
      "three.txt",
    ]);
  });
});
