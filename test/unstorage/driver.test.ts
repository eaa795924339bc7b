import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorage, type Storage, snapshot } from "unstorage";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useMemoryBackend } from "../../fixtures/vitest.js";
import { FileBackend } from "../../src/file/index.js";
import { type ExtendedBackend, isNotSupported, readText, writeFile } from "../../src/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { omnistorageDriver } from "../../src/unstorage/index.js";

// Every driver operation, the way unstorage's own driver suites exercise a driver: through
// createStorage, on each backend, then reading the backend underneath to see the files.
const backends: [string, () => Promise<ExtendedBackend>, (b: ExtendedBackend) => Promise<void>][] =
  [
    ["MemoryBackend", async () => new MemoryBackend(), (b) => b.close()],
    [
      "FileBackend",
      async () => new FileBackend({ root: await mkdtemp(join(tmpdir(), "omnistorage-unst-")) }),
      async (b) => rm((b as FileBackend).root, { recursive: true, force: true }),
    ],
  ];

describe.each(backends)("omnistorageDriver on %s", (_name, make, dispose) => {
  let backend: ExtendedBackend;
  let storage: Storage;
  beforeEach(async () => {
    backend = await make();
    storage = createStorage({ driver: omnistorageDriver({ backend }) });
  });
  afterEach(async () => {
    await storage.dispose();
    await dispose(backend);
  });

  test("an empty store has no items and no keys", async () => {
    expect(await storage.hasItem("s1:a")).toBe(false);
    expect(await storage.getItem("s1:a")).toBeNull();
    expect(await storage.getItemRaw("s1:a")).toBeNull();
    expect(await storage.getKeys()).toEqual([]);
    expect(await storage.getMeta("s1:a")).toEqual({});
  });

  test("setItem stores the key a:b as the file a/b and getItem reads it back", async () => {
    await storage.setItem("s1:a", "test_data");
    expect(await readText(backend, "s1/a")).toBe("test_data");
    expect(await storage.hasItem("s1:a")).toBe(true);
    expect(await storage.getItem("s1:a")).toBe("test_data");
    expect(await storage.getKeys()).toEqual(["s1:a"]);
  });

  test("objects and numbers round-trip through unstorage's serialisation", async () => {
    await storage.setItem("data:json", { x: [1, "two"], n: null });
    await storage.setItem("data:num", 42);
    expect(await storage.getItem("data:json")).toEqual({ x: [1, "two"], n: null });
    expect(await storage.getItem("data:num")).toBe(42);
    expect(await readText(backend, "data/json")).toBe('{"x":[1,"two"],"n":null}');
  });

  test("setItemRaw and getItemRaw keep bytes exact, from a Uint8Array, Buffer or ArrayBuffer", async () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 0xc3]);
    await storage.setItemRaw("bin:u8", bytes);
    await storage.setItemRaw("bin:buf", Buffer.from([9, 8]));
    await storage.setItemRaw("bin:ab", new Uint8Array([7]).buffer);
    const raw = async (key: string) =>
      new Uint8Array((await storage.getItemRaw(key)) as Uint8Array);
    expect(await raw("bin:u8")).toEqual(bytes);
    expect(await raw("bin:buf")).toEqual(new Uint8Array([9, 8]));
    expect(await raw("bin:ab")).toEqual(new Uint8Array([7]));
    // A Buffer, like Node drivers give: toString() is the text, not "1,2,3".
    await storage.setItemRaw("bin:text", new TextEncoder().encode("héllo"));
    expect(String(await storage.getItemRaw("bin:text"))).toBe("héllo");
  });

  test("setItemRaw refuses a value that has no bytes, naming the key, and stores nothing", async () => {
    const driver = omnistorageDriver({ backend });
    const err = await driver.setItemRaw("bin:obj", { a: 1 }).catch((e: unknown) => e);
    expect(isNotSupported(err)).toBe(true);
    expect(String(err)).toMatch(/setItemRaw "bin:obj".*got Object/);
    expect(await backend.exists("bin/obj")).toBe(false);
  });

  test("getKeys is sorted by code unit over keys, not over paths", async () => {
    // As paths "a/b" sorts before "a0"; as keys "a0" sorts before "a:b".
    for (const key of ["a:b", "a0", "a.c", "b"]) await storage.setItem(key, key);
    expect(await storage.getKeys()).toEqual(["a.c", "a0", "a:b", "b"]);
  });

  test("getKeys with a base returns only keys inside that base, never a sibling sharing its start", async () => {
    for (const key of ["a:x", "a:y:z", "ab", "abc:d"]) await storage.setItem(key, 1);
    expect(await storage.getKeys("a")).toEqual(["a:x", "a:y:z"]);
    expect(await storage.getKeys("a:")).toEqual(["a:x", "a:y:z"]);
    expect(await storage.getKeys("a:y")).toEqual(["a:y:z"]);
    expect(await storage.getKeys("missing")).toEqual([]);
  });

  test("getKeys honours maxDepth (0 is the top level) in the driver", async () => {
    for (const key of ["k", "d:k", "d:e:k", "d:e:f:k"]) await storage.setItem(key, 1);
    expect(await storage.getKeys("", { maxDepth: 0 })).toEqual(["k"]);
    expect(await storage.getKeys("", { maxDepth: 1 })).toEqual(["d:k", "k"]);
    expect(await storage.getKeys("", { maxDepth: 2 })).toEqual(["d:e:k", "d:k", "k"]);
    expect(omnistorageDriver({ backend }).flags.maxDepth).toBe(true);
  });

  test("getMeta gives the file's mtime and size; a missing key gives no meta", async () => {
    await storage.setItem("m:k", "12345");
    const meta = await storage.getMeta("m:k");
    expect(meta.size).toBe(5);
    expect(meta.mtime).toBeInstanceOf(Date);
    expect(Math.abs((meta.mtime as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await storage.getMeta("m")).toEqual({});
  });

  test("removeItem deletes the file and the folders it leaves empty, so the parent key is free again", async () => {
    await storage.setItem("a:b:c", "deep");
    await storage.setItem("a:x", "kept");
    await storage.removeItem("a:b:c");
    expect(await storage.hasItem("a:b:c")).toBe(false);
    expect(await backend.exists("a/b")).toBe(false);
    expect(await backend.exists("a")).toBe(true);
    await storage.removeItem("a:x");
    expect(await backend.exists("a")).toBe(false);
    await storage.setItem("a", "now a file");
    expect(await storage.getItem("a")).toBe("now a file");
  });

  test("removing a folder's last key while another key is written into it loses neither", async () => {
    for (let i = 0; i < 30; i++) {
      await storage.setItem("a:old", 1);
      await Promise.all([storage.removeItem("a:old"), storage.setItem("a:new", 2)]);
      expect(await storage.getKeys()).toEqual(["a:new"]);
      await storage.removeItem("a:new");
    }
  });

  test("removeItem of a missing key, or of a folder of other keys, changes nothing", async () => {
    await storage.setItem("a:b", "v");
    await storage.removeItem("nothing");
    await storage.removeItem("a");
    expect(await storage.getKeys()).toEqual(["a:b"]);
  });

  test("a folder of keys is not an item: hasItem, getItem and getMeta see nothing at a", async () => {
    await storage.setItem("a:b", "v");
    expect(await storage.hasItem("a")).toBe(false);
    expect(await storage.getItem("a")).toBeNull();
    expect(await storage.getItemRaw("a")).toBeNull();
    expect(await storage.getMeta("a")).toEqual({});
  });

  test("a key and a key below it cannot both exist: the second write is refused", async () => {
    await storage.setItem("a", "file");
    await expect(storage.setItem("a:b", "below")).rejects.toMatchObject({ code: "ENOTDIR" });
    await storage.setItem("x:y", "v");
    await expect(storage.setItem("x", "over")).rejects.toMatchObject({ code: "EISDIR" });
    expect(await storage.getKeys()).toEqual(["a", "x:y"]);
  });

  test("clear with a base removes that base only; clear without one empties the store", async () => {
    for (const key of ["a:1", "a:2:3", "ab", "b:1"]) await storage.setItem(key, 1);
    // unstorage hands a base to the driver of a mount below it, so call the driver directly.
    await omnistorageDriver({ backend }).clear("a:");
    expect(await storage.getKeys()).toEqual(["ab", "b:1"]);
    expect(await backend.exists("a")).toBe(false);
    await storage.clear();
    expect(await storage.getKeys()).toEqual([]);
    expect(await backend.list()).toEqual([]);
    expect(await backend.exists("b")).toBe(false);
  });

  test("unstorage's snapshot reads every item back", async () => {
    await storage.setItem("s:a", "1");
    await storage.setItem("s:b:c", "two");
    expect(await snapshot(storage, "")).toEqual({ "s:a": 1, "s:b:c": "two" });
  });

  test("a bad key or value rejects rather than throwing, so unawaited calls cannot crash", () => {
    const driver = omnistorageDriver({ backend });
    const calls = [
      () => driver.setItemRaw("k", 5),
      () => driver.getItem(""),
      () => driver.hasItem(null as never),
    ];
    for (const call of calls) {
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = call();
      }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      result?.catch(() => {});
    }
  });

  test("a key with .. cannot leave the store", async () => {
    const driver = omnistorageDriver({ backend });
    await expect(driver.setItem("..:etc:passwd", "x")).rejects.toMatchObject({ code: "EINVAL" });
    await expect(driver.getItem("a:..:..:b")).rejects.toMatchObject({ code: "EINVAL" });
  });

  test("a base folder keeps the items below it and clear never removes what is outside", async () => {
    await writeFile(backend, "outside.txt", "keep");
    const inBase = createStorage({ driver: omnistorageDriver({ backend, base: "/cache/" }) });
    await inBase.setItem("k:1", "v");
    expect(await readText(backend, "cache/k/1")).toBe("v");
    expect(await inBase.getKeys()).toEqual(["k:1"]);
    await inBase.removeItem("k:1");
    expect(await backend.exists("cache/k")).toBe(false);
    await inBase.setItem("k:2", "v");
    await inBase.clear();
    expect(await inBase.getKeys()).toEqual([]);
    expect(await readText(backend, "outside.txt")).toBe("keep");
  });

  test("mounted under a prefix, keys come back with the mountpoint", async () => {
    const root = createStorage();
    root.mount("files", omnistorageDriver({ backend }));
    await root.setItem("files:x:y", "v");
    expect(await readText(backend, "x/y")).toBe("v");
    expect(await root.getKeys("files")).toEqual(["files:x:y"]);
  });

  test("dispose leaves the backend open unless closeOnDispose", async () => {
    await omnistorageDriver({ backend }).dispose();
    expect(await backend.exists("anything")).toBe(false);
    const own = new MemoryBackend();
    await omnistorageDriver({ backend: own, closeOnDispose: true }).dispose();
    expect(own.closed).toBe(true);
  });
});

describe("omnistorageDriver over a useMemoryBackend() handle", () => {
  const handle = useMemoryBackend();
  const storage = createStorage({ driver: omnistorageDriver({ backend: handle }) });

  test("each test's items land in that test's fresh backend (1)", async () => {
    await storage.setItem("k", "one");
    expect(handle).toHaveFile("k", "one");
  });

  test("each test's items land in that test's fresh backend (2)", async () => {
    expect(await storage.hasItem("k")).toBe(false);
  });
});

describe("omnistorageDriver with a fault", () => {
  test("an injected fault reaches the caller instead of reading as a missing item", async () => {
    const backend = new MemoryBackend();
    const storage = createStorage({ driver: omnistorageDriver({ backend }) });
    await storage.setItem("k", "v");
    backend.inject({ op: "newReader", path: "k", times: 1 });
    await expect(storage.getItem("k")).rejects.toMatchObject({ code: "EACCES" });
    expect(await storage.getItem("k")).toBe("v");
  });

  test("a backend that is not a Backend is refused when the driver is made", () => {
    expect(() => omnistorageDriver({ backend: {} as never })).toThrow(/options.backend/);
  });

  test("getInstance gives the backend", () => {
    const backend = new MemoryBackend();
    expect(omnistorageDriver({ backend }).getInstance()).toBe(backend);
  });
});
