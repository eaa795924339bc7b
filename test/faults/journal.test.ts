import { describe, expect, test } from "vitest";
import { readText, writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe("journal", () => {
  test("records every operation in call order with its outcome; a writer appears once more at commit with its bytes", async () => {
    const b = MemoryBackend.from({ "seed.txt": "seed" });
    await writeFile(b, "/out//report.txt", "hello");
    expect(await readText(b, "out/report.txt")).toBe("hello");
    await b.exists("nope");
    await b.stat("seed.txt");
    await b.hash("seed.txt", "md5");
    await b.list("/out/");
    await b.mkdir("d/e");
    await b.copy("seed.txt", "d/seed.txt");
    await b.move("d/seed.txt", "d/e/moved.txt");
    await b.delete("seed.txt");
    await b.rmdir("d", { recursive: true });
    expect(b.journal).toEqual([
      { op: "newWriter", path: "out/report.txt", outcome: "ok" },
      { op: "write", path: "out/report.txt", bytes: 5, outcome: "ok" },
      { op: "newReader", path: "out/report.txt", bytes: 5, outcome: "ok" },
      { op: "exists", path: "nope", outcome: "ok" },
      { op: "stat", path: "seed.txt", outcome: "ok" },
      { op: "hash", path: "seed.txt", outcome: "ok" },
      { op: "list", path: "out/", outcome: "ok" },
      { op: "mkdir", path: "d/e", outcome: "ok" },
      { op: "copy", path: "seed.txt", dst: "d/seed.txt", outcome: "ok" },
      { op: "move", path: "d/seed.txt", dst: "d/e/moved.txt", outcome: "ok" },
      { op: "delete", path: "seed.txt", outcome: "ok" },
      { op: "rmdir", path: "d", outcome: "ok" },
    ]);
  });

  test("failures carry the error's class name and code", async () => {
    const b = MemoryBackend.from({ dir: null });
    await failure(b.newReader("missing.txt"));
    await failure(b.delete("dir"));
    await failure(b.stat("../up"));
    b.inject({ op: "exists", error: new TypeError("custom") });
    await failure(b.exists("x"));
    expect(b.journal).toEqual([
      {
        op: "newReader",
        path: "missing.txt",
        outcome: "error",
        error: "NotFoundError",
        code: "ENOENT",
      },
      { op: "delete", path: "dir", outcome: "error", error: "IsADirectoryError", code: "EISDIR" },
      { op: "stat", path: "../up", outcome: "error", error: "InvalidPathError", code: "EINVAL" },
      { op: "exists", path: "x", outcome: "error", error: "TypeError" },
    ]);
  });

  test("a failed writer is recorded once, with the bytes it had taken and the first error", async () => {
    const b = new MemoryBackend({ quota: 4 });
    const w = await b.newWriter("big.txt");
    await w.write("abc");
    await failure(w.write("de"));
    await failure(w.write("f"));
    await failure(w.close());
    expect(b.journal.filter((e) => e.op === "write")).toEqual([
      {
        op: "write",
        path: "big.txt",
        bytes: 3,
        outcome: "error",
        error: "QuotaExceededError",
        code: "ENOSPC",
      },
    ]);
  });

  test("a fault on close is recorded as the writer's failure", async () => {
    const b = new MemoryBackend();
    b.inject({ op: "close" });
    await failure(writeFile(b, "f.txt", "abc"));
    expect(b.journal.at(-1)).toEqual({
      op: "write",
      path: "f.txt",
      bytes: 3,
      outcome: "error",
      error: "PermissionDeniedError",
      code: "EACCES",
    });
  });

  test('an aborted writer is recorded with error "aborted"', async () => {
    const b = new MemoryBackend();
    const w = await b.newWriter("gone.txt");
    await w.write("x");
    await w.abort();
    expect(b.journal.at(-1)).toEqual({
      op: "write",
      path: "gone.txt",
      outcome: "error",
      error: "aborted",
    });
  });

  test("a failed reader chunk is recorded as a read error", async () => {
    const b = MemoryBackend.from({ "a.txt": "abc" });
    b.inject({ op: "read" });
    await failure(readText(b, "a.txt"));
    expect(b.journal.map((e) => [e.op, e.outcome])).toEqual([
      ["newReader", "ok"],
      ["read", "error"],
    ]);
  });

  test("newReader records the bytes its range will deliver", async () => {
    const b = MemoryBackend.from({ "a.txt": "0123456789" });
    await (await b.newReader("a.txt", { offset: 4, limit: 3 })).close();
    await (await b.newReader("a.txt", { offset: 8 })).close();
    await (await b.newReader("a.txt", { offset: 20 })).close();
    expect(b.journal.map((e) => e.bytes)).toEqual([3, 2, 0]);
  });

  test("the synchronous inspection methods and seeding are not recorded", async () => {
    const b = MemoryBackend.from({ "a.txt": "abc" });
    b.load({ "b.txt": "b" });
    b.readSync("a.txt");
    b.existsSync("a.txt");
    b.listSync("");
    b.statSync("a.txt");
    b.toJSON();
    b.snapshot();
    expect(b.journal).toEqual([]);
  });

  test("the journal is read-only and clearJournal empties it", async () => {
    const b = new MemoryBackend();
    await b.exists("a");
    const journal = b.journal;
    expect(Object.isFrozen(journal)).toBe(true);
    expect(Object.isFrozen(journal[0])).toBe(true);
    expect(() => (journal as unknown[]).push({})).toThrow(TypeError);
    b.clearJournal();
    expect(b.journal).toEqual([]);
    expect(journal).toHaveLength(1);
    await b.exists("b");
    expect(b.journal).toEqual([{ op: "exists", path: "b", outcome: "ok" }]);
  });

  test("concurrent operations are recorded in the order they complete their work", async () => {
    const b = new MemoryBackend();
    await Promise.all([b.mkdir("one"), b.mkdir("two"), b.exists("three")]);
    expect(b.journal.map((e) => e.path)).toEqual(["one", "two", "three"]);
  });
});
