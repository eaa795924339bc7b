import { describe, expect, test } from "vitest";
import {
  copyPath,
  movePath,
  readAll,
  readFile,
  readJSON,
  readText,
  writeFile,
} from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

describe("helpers", () => {
  test("writeFile then readFile, readText and readJSON", async () => {
    const b = new MemoryBackend();
    await writeFile(b, "j.json", '{"ok": true}', { contentType: "application/json" });
    expect(await readText(b, "j.json")).toBe('{"ok": true}');
    expect(await readJSON<{ ok: boolean }>(b, "j.json")).toEqual({ ok: true });
    expect(await readFile(b, "j.json", { offset: 1, limit: 4 })).toEqual(
      new TextEncoder().encode('"ok"'),
    );
  });

  test("readAll joins many chunks and closes the reader", async () => {
    const b = new MemoryBackend();
    const w = await b.newWriter("many.txt");
    for (let i = 0; i < 10; i++) await w.write(String(i));
    await w.close();
    const reader = await b.newReader("many.txt");
    expect(new TextDecoder().decode(await readAll(reader))).toBe("0123456789");
    await expect(reader.read()).rejects.toMatchObject({ code: "ERR_READER_CLOSED" });
    expect(b.openHandles()).toEqual([]);
  });

  test("copyPath streams between two backends; movePath also deletes the source", async () => {
    const src = MemoryBackend.from({ "a.txt": "alpha", "b.txt": "beta" });
    const dst = new MemoryBackend();
    await copyPath(src, "a.txt", dst, "copied/a.txt");
    await movePath(src, "b.txt", dst, "moved/b.txt");
    expect(dst.toJSON()).toEqual({ "copied/a.txt": "alpha", "moved/b.txt": "beta" });
    expect(src.listSync()).toEqual(["a.txt"]);
  });

  test("copyPath of a missing source rejects and writes nothing; a bad destination closes the reader", async () => {
    const src = MemoryBackend.from({ "a.txt": "alpha" });
    const dst = MemoryBackend.from({ "f.txt": "file" });
    await expect(copyPath(src, "nope", dst, "x")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(copyPath(src, "a.txt", dst, "f.txt/x")).rejects.toMatchObject({
      code: "ENOTDIR",
    });
    expect(src.openHandles()).toEqual([]);
    expect(dst.listSync()).toEqual(["f.txt"]);
  });

  test("writeFile with a bad chunk aborts the writer and stores nothing", async () => {
    const b = new MemoryBackend();
    await expect(writeFile(b, "x.txt", 5 as unknown as string)).rejects.toThrow(TypeError);
    expect(b.listSync()).toEqual([]);
    expect(b.openHandles()).toEqual([]);
  });
});
