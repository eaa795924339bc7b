import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storageTree } from "../../fixtures/fast-check/arbitraries/tree.js";
import { serializer, toTree } from "../../matchers/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { extendedBackend, handleOf, plainBackend } from "./helpers.js";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);

describe("toTree", () => {
  test("shows text as strings, parses .json files, summarises binary with its SHA-256", () => {
    const backend = MemoryBackend.from({
      "b/notes.txt": "hello\n",
      "a.json": { ok: true, n: [1, 2] },
      "broken.json": "{ not json",
      "logo.png": PNG,
      "nul.txt": "a\0b",
      "empty/": null,
    });
    const digest = createHash("sha256").update(PNG).digest("hex").slice(0, 12);
    expect(toTree(backend)).toStrictEqual({
      "a.json": { ok: true, n: [1, 2] },
      "b/notes.txt": "hello\n",
      "broken.json": "{ not json",
      "logo.png": `<binary 7 bytes sha256:${digest}>`,
      "nul.txt":
        "<binary 3 bytes sha256:" +
        createHash("sha256").update("a\0b").digest("hex").slice(0, 12) +
        ">",
    });
  });

  test("lists paths in sorted order and keeps __proto__ as an ordinary key", () => {
    const backend = MemoryBackend.from(JSON.parse(`{ "b": "2", "__proto__": "p", "a": "1" }`));
    const tree = toTree(backend);
    expect(Object.keys(tree)).toEqual(["__proto__", "a", "b"]);
    expect(Object.getPrototypeOf(tree)).toBe(Object.prototype);
  });

  test("is synchronous on a MemoryBackend and its handle, a Promise on other backends", async () => {
    const backend = MemoryBackend.from({ "a.txt": "a" });
    const handle = handleOf(() => backend);
    expect(toTree(handle)).toEqual({ "a.txt": "a" });
    const pending = toTree(plainBackend(backend));
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual({ "a.txt": "a" });
  });

  test("gives the same tree for any store, whichever way it is read", async () => {
    await fc.assert(
      fc.asyncProperty(storageTree({ maxEntries: 8 }), async (seed) => {
        const backend = MemoryBackend.from(seed);
        const tree = toTree(backend);
        expect(Object.keys(tree)).toEqual(backend.listSync());
        expect(await toTree(plainBackend(backend))).toStrictEqual(tree);
        expect(await toTree(extendedBackend(backend))).toStrictEqual(tree);
        expect(toTree(MemoryBackend.from(seed))).toStrictEqual(tree);
      }),
      { numRuns: 100 },
    );
  });

  test("anything that is not a backend is a TypeError", () => {
    expect(() => toTree({} as never)).toThrow(TypeError);
  });
});

describe("serializer", () => {
  test("prints a MemoryBackend as its tree in snapshots", () => {
    const backend = MemoryBackend.from({
      "report.json": { total: 2 },
      "notes.txt": "line 1\nline 2",
      "logo.png": PNG,
    });
    expect(backend).toMatchInlineSnapshot(`
      MemoryBackend {
        "logo.png": "<binary 7 bytes sha256:a9c74dcaf10f>",
        "notes.txt": "line 1
      line 2",
        "report.json": {
          "total": 2,
        },
      }
    `);
    expect(new MemoryBackend()).toMatchInlineSnapshot(`MemoryBackend {}`);
  });

  test("prints the useMemoryBackend() handle like the backend it stands for", () => {
    const backend = MemoryBackend.from({ "a.txt": "a" });
    const handle = handleOf(() => backend);
    expect({ handle }).toMatchInlineSnapshot(`
      {
        "handle": MemoryBackend {
          "a.txt": "a",
        },
      }
    `);
  });

  test("claims MemoryBackends and handles only, and never throws while testing", () => {
    const backend = new MemoryBackend();
    const outside = handleOf(() => {
      throw new Error("useMemoryBackend() outside a test");
    });
    expect(serializer.test(backend)).toBe(true);
    expect(serializer.test({ current: backend })).toBe(true);
    expect(serializer.test(plainBackend(backend))).toBe(false);
    expect(serializer.test(outside)).toBe(false);
    expect(serializer.test(null)).toBe(false);
    expect(serializer.test("MemoryBackend")).toBe(false);
  });
});
