import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isQuotaExceeded, QuotaExceededError, type StorageError } from "../../src/core/errors.js";
import { writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe("quota", () => {
  test("the write that crosses the quota rejects with QuotaExceededError; earlier writes resolve", async () => {
    const b = new MemoryBackend({ quota: 10 });
    const w = await b.newWriter("log/big.txt");
    await w.write("12345");
    await w.write("67890");
    const err = await failure(w.write("!"));
    expect(err).toBeInstanceOf(QuotaExceededError);
    const e = err as StorageError;
    expect({ code: e.code, op: e.op, path: e.path }).toEqual({
      code: "ENOSPC",
      op: "write",
      path: "log/big.txt",
    });
    expect(e.message).toMatch(/^write "log\/big\.txt": quota exceeded/);
  });

  test("that writer is failed: later writes and close reject with the same error, and nothing is stored", async () => {
    const b = MemoryBackend.from({ "keep.txt": "abc" }, { quota: 8 });
    const w = await b.newWriter("new/file.txt");
    await w.write("12345");
    const err = await failure(w.write("6"));
    expect(isQuotaExceeded(err)).toBe(true);
    expect(await failure(w.write("x"))).toBe(err);
    expect(await failure(w.close())).toBe(err);
    expect(b.toJSON()).toEqual({ "keep.txt": "abc" });
    expect(b.size()).toBe(3);
  });

  test("filling the quota exactly is allowed", async () => {
    const b = new MemoryBackend({ quota: 6 });
    await writeFile(b, "a", "abc");
    await writeFile(b, "b", "def");
    expect(b.size()).toBe(6);
    expect(isQuotaExceeded(await failure(writeFile(b, "c", "g")))).toBe(true);
    await writeFile(b, "c", "");
    expect(b.count()).toBe(3);
  });

  test("overwriting a file counts the new size net of the old one", async () => {
    const b = MemoryBackend.from({ "a.txt": "12345678" }, { quota: 10 });
    await writeFile(b, "a.txt", "1234567890");
    expect(b.size()).toBe(10);
    expect(isQuotaExceeded(await failure(writeFile(b, "a.txt", "12345678901")))).toBe(true);
    expect(new TextDecoder().decode(b.readSync("a.txt"))).toBe("1234567890");
  });

  test("deleting frees space", async () => {
    const b = MemoryBackend.from({ "a.txt": "1234567890" }, { quota: 10 });
    expect(isQuotaExceeded(await failure(writeFile(b, "b.txt", "x")))).toBe(true);
    await b.delete("a.txt");
    await writeFile(b, "b.txt", "x");
    expect(b.size()).toBe(1);
  });

  test("writers are checked again at close: of two writers that each fit, the second to commit fails", async () => {
    const b = new MemoryBackend({ quota: 10 });
    const w1 = await b.newWriter("one.txt");
    const w2 = await b.newWriter("two.txt");
    await w1.write("123456");
    await w2.write("123456");
    await w1.close();
    const err = await failure(w2.close());
    expect(isQuotaExceeded(err)).toBe(true);
    expect((err as StorageError).op).toBe("close");
    expect(b.toJSON()).toEqual({ "one.txt": "123456" });
  });

  test("a copy that would exceed the quota rejects and leaves the store unchanged", async () => {
    const b = MemoryBackend.from({ "a.txt": "123456", "d/x": "12", "d/y": "1" }, { quota: 12 });
    const before = b.toJSON();
    const err = await failure(b.copy("a.txt", "copy/a.txt"));
    expect(isQuotaExceeded(err)).toBe(true);
    expect({ op: (err as StorageError).op, path: (err as StorageError).path }).toEqual({
      op: "copy",
      path: "copy/a.txt",
    });
    expect(b.toJSON()).toEqual(before);
    expect(b.size()).toBe(9);
    await b.copy("d", "e");
    expect(b.size()).toBe(12);
    expect(isQuotaExceeded(await failure(b.copy("d", "f")))).toBe(true);
    expect(b.existsSync("f")).toBe(false);
  });

  test("a copy onto an existing file counts net of what it replaces", async () => {
    const b = MemoryBackend.from({ "a.txt": "12345", "b.txt": "1234" }, { quota: 10 });
    await b.copy("a.txt", "b.txt");
    expect(b.size()).toBe(10);
  });

  test("a move never needs more space", async () => {
    const b = MemoryBackend.from({ "a.txt": "1234567890" }, { quota: 10 });
    await b.move("a.txt", "deep/er/a.txt");
    expect(b.size()).toBe(10);
  });

  test("load past the quota stores nothing and throws QuotaExceededError", () => {
    const b = MemoryBackend.from({ "a.txt": "1234" }, { quota: 8 });
    expect(() => b.load({ "b.txt": "1234", "c.txt": "1" })).toThrow(QuotaExceededError);
    expect(b.toJSON()).toEqual({ "a.txt": "1234" });
    expect(() => MemoryBackend.from({ big: "123456789" }, { quota: 8 })).toThrow(
      QuotaExceededError,
    );
  });

  test("quota 0 allows only empty files and directories", async () => {
    const b = new MemoryBackend({ quota: 0 });
    await writeFile(b, "empty", "");
    await b.mkdir("dir/sub");
    expect(isQuotaExceeded(await failure(writeFile(b, "x", "1")))).toBe(true);
  });

  test.each([-1, Number.NaN, "10", null])("quota %s is a TypeError", (quota) => {
    expect(() => new MemoryBackend({ quota: quota as never })).toThrow(TypeError);
  });

  test("whatever the writes, copies and deletes, the store never holds more than the quota and failed writes store nothing", async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("write" as const),
        path: fc.constantFrom("a", "b", "c/d"),
        chunks: fc.array(fc.nat(12), { maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant("copy" as const),
        path: fc.constantFrom("a", "b", "c/d"),
        dst: fc.constantFrom("a", "b", "e"),
      }),
      fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom("a", "b", "c/d") }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(40), fc.array(op, { maxLength: 25 }), async (quota, ops) => {
        const b = new MemoryBackend({ quota });
        for (const o of ops) {
          const before = b.toJSON();
          let err: unknown;
          if (o.kind === "write") {
            err = await failure(
              (async () => {
                const w = await b.newWriter(o.path);
                for (const n of o.chunks) void w.write(new Uint8Array(n).fill(7));
                await w.close();
              })(),
            );
          } else if (o.kind === "copy") {
            err = await failure(b.copy(o.path, o.dst));
          } else err = await failure(b.delete(o.path));
          expect(b.size()).toBeLessThanOrEqual(quota);
          if (isQuotaExceeded(err)) expect(b.toJSON()).toEqual(before);
          else if (err !== undefined && o.kind === "write") throw err;
        }
      }),
      { numRuns: 150 },
    );
  });
});
