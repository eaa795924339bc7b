import { describe, expect, test } from "vitest";
import { isStorageError } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

const bytes = (...n: number[]) => new Uint8Array(n);

describe("MemoryBackend.from / load / toJSON", () => {
  test("a tree stores strings as UTF-8, bytes as bytes, null as an empty directory, other values as pretty JSON", () => {
    const b = MemoryBackend.from({
      "notes/a.txt": "héllo",
      "bin/blob": bytes(0, 159, 146, 150),
      "empty/dir": null,
      "config.json": { debug: true, tags: ["x"] },
      "count.json": 42,
    });
    expect(new TextDecoder().decode(b.readSync("notes/a.txt"))).toBe("héllo");
    expect([...b.readSync("bin/blob")]).toEqual([0, 159, 146, 150]);
    expect(b.statSync("empty/dir").isDir).toBe(true);
    expect(new TextDecoder().decode(b.readSync("config.json"))).toBe(
      JSON.stringify({ debug: true, tags: ["x"] }, null, 2),
    );
    expect(new TextDecoder().decode(b.readSync("count.json"))).toBe("42");
  });

  test("a Buffer in a tree is copied, not referenced", () => {
    const buf = Buffer.from("seed");
    const b = MemoryBackend.from({ "b.bin": buf });
    buf.write("XXXX");
    expect(new TextDecoder().decode(b.readSync("b.bin"))).toBe("seed");
    expect(b.readSync("b.bin")).toBeInstanceOf(Uint8Array);
  });

  test("toJSON gives the tree back: text as strings, other bytes as Uint8Array, empty directories as null", () => {
    const tree = {
      "a.txt": "text",
      "bin/blob": bytes(0, 1, 2),
      "bad-utf8": bytes(0xc3, 0x28),
      "empty/dir": null,
      "full/f.txt": "f",
    };
    const b = MemoryBackend.from(tree);
    expect(b.toJSON()).toEqual(tree);
    expect(MemoryBackend.from(b.toJSON()).toJSON()).toEqual(tree);
  });

  test("toJSON lists an empty directory even when a sibling sorts between it and its would-be children", () => {
    const b = MemoryBackend.from({ a: null, "a-b.txt": "x" });
    expect(b.toJSON()).toEqual({ a: null, "a-b.txt": "x" });
  });

  test("load merges into what is there and replaces files at the same paths", () => {
    const b = MemoryBackend.from({ "keep.txt": "keep", "replace.txt": "old" });
    b.load({ "replace.txt": "new", "added/x.txt": "x" });
    expect(b.toJSON()).toEqual({ "keep.txt": "keep", "replace.txt": "new", "added/x.txt": "x" });
  });

  test("load is all or nothing: a conflict or a bad path stores nothing", () => {
    const b = MemoryBackend.from({ "file.txt": "f" });
    const before = b.toJSON();
    expect(() => b.load({ "ok.txt": "ok", "file.txt/below": "x" })).toThrow(
      expect.objectContaining({ code: "ENOTDIR", op: "load" }),
    );
    expect(() => b.load({ "ok.txt": "ok", "../escape": "x" })).toThrow(
      expect.objectContaining({ code: "EINVAL", op: "load" }),
    );
    expect(() => b.load({ "ok.txt": "ok", "fn.js": (() => 1) as never })).toThrow(
      /load "fn.js": a function cannot be stored/,
    );
    expect(b.toJSON()).toEqual(before);
  });

  test("a tree parsed from JSON with a __proto__ key keeps the entry and pollutes nothing", () => {
    const tree = JSON.parse('{"__proto__": "evil", "constructor": {"x": 1}}') as Record<
      string,
      string
    >;
    const b = MemoryBackend.from(tree);
    expect(b.listSync()).toEqual(["__proto__", "constructor"]);
    const back = b.toJSON();
    expect(Object.keys(back)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toBe("evil");
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("MemoryBackend size / count / clear", () => {
  test("size is the total bytes and count the number of files, kept through overwrite, copy, move and delete", async () => {
    const b = MemoryBackend.from({ "a.txt": "12345", "d/b.txt": "123" });
    expect([b.size(), b.count()]).toEqual([8, 2]);
    await writeFile(b, "a.txt", "1");
    expect([b.size(), b.count()]).toEqual([4, 2]);
    await b.copy("d", "e");
    expect([b.size(), b.count()]).toEqual([7, 3]);
    await b.move("e/b.txt", "f.txt");
    expect([b.size(), b.count()]).toEqual([7, 3]);
    await b.delete("f.txt");
    await b.rmdir("d", { recursive: true });
    expect([b.size(), b.count()]).toEqual([1, 1]);
    b.clear();
    expect([b.size(), b.count(), b.listSync()]).toEqual([0, 0, []]);
    expect(b.existsSync("e")).toBe(false);
  });
});

describe("MemoryBackend synchronous inspection", () => {
  test("readSync, existsSync, listSync and statSync agree with their async twins", async () => {
    const b = MemoryBackend.from({ "x/y.txt": "why", "x/z.bin": bytes(1) });
    expect(b.readSync("/x/y.txt")).toEqual(new TextEncoder().encode("why"));
    expect(b.existsSync("x")).toBe(true);
    expect(b.existsSync("nope")).toBe(false);
    expect(b.listSync("/x/")).toEqual(await b.list("x/"));
    expect(b.statSync("x/y.txt")).toEqual(await b.stat("x/y.txt"));
  });

  test("readSync hands out a copy and throws typed errors", () => {
    const b = MemoryBackend.from({ "f.txt": "abc", d: null });
    b.readSync("f.txt").fill(0);
    expect(new TextDecoder().decode(b.readSync("f.txt"))).toBe("abc");
    expect(() => b.readSync("nope")).toThrow(expect.objectContaining({ code: "ENOENT" }));
    expect(() => b.readSync("d")).toThrow(expect.objectContaining({ code: "EISDIR" }));
    expect(() => b.readSync("")).toThrow(expect.objectContaining({ code: "EINVAL" }));
  });

  test("stat results are frozen plain data", () => {
    const info = MemoryBackend.from({ "f.txt": "x" }).statSync("f.txt");
    expect(Object.isFrozen(info)).toBe(true);
    expect(info.contentType).toBe("text/plain; charset=utf-8");
  });

  test("the synchronous methods throw BackendClosedError once the backend is closed", async () => {
    const b = MemoryBackend.from({ "f.txt": "x" });
    await b.close();
    for (const call of [
      () => b.readSync("f.txt"),
      () => b.existsSync("f.txt"),
      () => b.listSync(),
      () => b.statSync("f.txt"),
      () => b.toJSON(),
      () => b.size(),
      () => b.snapshot(),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: "ERR_BACKEND_CLOSED" }));
    }
    expect(b.closed).toBe(true);
  });
});

describe("MemoryBackend snapshot / restore", () => {
  test("restore brings back files, directories and counters exactly as they were", async () => {
    const b = MemoryBackend.from({ "a.txt": "a", "d/b.txt": "b", "empty/x": null });
    const checkpoint = b.snapshot();
    const before = b.toJSON();
    await writeFile(b, "a.txt", "changed");
    await b.rmdir("d", { recursive: true });
    await b.mkdir("new/dir");
    await b.move("empty", "moved");
    b.restore(checkpoint);
    expect(b.toJSON()).toEqual(before);
    expect([b.size(), b.count()]).toEqual([2, 2]);
    expect(checkpoint).toEqual({ files: 2, bytes: 2 });
  });

  test("a checkpoint is immutable and can be restored many times and into other backends", async () => {
    const template = MemoryBackend.from({ "seed.json": { n: 1 } });
    const checkpoint = template.snapshot();
    expect(Object.isFrozen(checkpoint)).toBe(true);
    for (let i = 0; i < 3; i++) {
      const b = new MemoryBackend();
      b.restore(checkpoint);
      await writeFile(b, "seed.json", `{"n": ${i + 2}}`);
      await writeFile(b, `run-${i}.txt`, "x");
      expect(b.listSync()).toEqual([`run-${i}.txt`, "seed.json"]);
    }
    await writeFile(template, "template-only.txt", "t");
    const fresh = new MemoryBackend();
    fresh.restore(checkpoint);
    expect(fresh.toJSON()).toEqual({ "seed.json": JSON.stringify({ n: 1 }, null, 2) });
  });

  test("restore rejects anything that is not a checkpoint", () => {
    const b = new MemoryBackend();
    expect(() => b.restore({ files: 0, bytes: 0 })).toThrow(/not a checkpoint/);
  });

  test("restoring a large seed shares structure: later writes never leak into the checkpoint", async () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) tree[`dir${i % 50}/file${i}.txt`] = `content ${i}`;
    const template = MemoryBackend.from(tree);
    const checkpoint = template.snapshot();
    const b = new MemoryBackend();
    for (let round = 0; round < 20; round++) {
      b.restore(checkpoint);
      await writeFile(b, `dir${round}/file${round}.txt`, "overwritten");
      await b.delete(`dir${round + 1}/file${round + 1}.txt`);
      expect(b.count()).toBe(20_000 - 1);
    }
    b.restore(checkpoint);
    expect(await readText(b, "dir0/file0.txt")).toBe("content 0");
    expect(b.count()).toBe(20_000);
  });
});

describe("MemoryBackend options and handles", () => {
  test("modification times come from the clock option", async () => {
    let now = Date.UTC(2024, 0, 1);
    const b = new MemoryBackend({ clock: () => new Date(now) });
    await writeFile(b, "a/f.txt", "x");
    now += 5000;
    await b.copy("a/f.txt", "g.txt");
    expect(b.statSync("a/f.txt").modTime.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(b.statSync("a").modTime.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(b.statSync("g.txt").modTime.toISOString()).toBe("2024-01-01T00:00:05.000Z");
  });

  test("contentType is inferred from the extension unless given; metadata is copied and frozen", async () => {
    const b = new MemoryBackend();
    const metadata = { owner: "ada" };
    await writeFile(b, "img.PNG", "x");
    await writeFile(b, "data", "x");
    await writeFile(b, "custom.txt", "x", { contentType: "text/x-mine", metadata });
    metadata.owner = "mutated";
    expect(b.statSync("img.PNG").contentType).toBe("image/png");
    expect(b.statSync("data").contentType).toBe("application/octet-stream");
    expect(b.statSync("custom.txt")).toMatchObject({
      contentType: "text/x-mine",
      metadata: { owner: "ada" },
    });
    expect(Object.isFrozen(b.statSync("custom.txt").metadata)).toBe(true);
  });

  test("openHandles lists readers and writers until they are closed", async () => {
    const b = MemoryBackend.from({ "r.txt": "r" });
    const reader = await b.newReader("r.txt");
    const writer = await b.newWriter("w.txt");
    expect(b.openHandles()).toEqual([
      { kind: "reader", path: "r.txt" },
      { kind: "writer", path: "w.txt" },
    ]);
    await reader.close();
    await writer.close();
    expect(b.openHandles()).toEqual([]);
    const aborted = await b.newWriter("x.txt");
    await aborted.abort();
    expect(b.openHandles()).toEqual([]);
  });

  test("`await using` closes the backend at the end of the block", async () => {
    let escaped: MemoryBackend | undefined;
    {
      await using b = MemoryBackend.from({ "f.txt": "x" });
      escaped = b;
      expect(b.closed).toBe(false);
    }
    expect(escaped.closed).toBe(true);
    const err = await escaped.exists("f.txt").catch((e: unknown) => e);
    expect(isStorageError(err, "ERR_BACKEND_CLOSED")).toBe(true);
  });
});
