import { describe, expect, test } from "vitest";
import { isPermissionDenied } from "../../src/core/errors.js";
import { MemoryBackend } from "../../src/memory/memory-backend.js";
import { sync } from "../../src/sync/index.js";
import { contents, seed } from "./helpers.js";

// The same failure rules as sync.test.ts, driven by MemoryBackend's own fault injection.
describe("sync against MemoryBackend.inject faults", () => {
  test("maxErrors stops new transfers after the limit (faults chosen by glob)", async () => {
    const src = new MemoryBackend();
    const dst = new MemoryBackend();
    await seed(src, { "a.txt": "a", "logs/b.txt": "b", "logs/c.txt": "c", "logs/d.txt": "d" });
    dst.inject({ op: "newWriter", path: "logs/*.txt" });
    const result = await sync(src, dst, "", "", { maxErrors: 2, concurrency: 1 });
    expect(result.errors.map((e) => [e.path, e.op])).toEqual([
      ["logs/b.txt", "copy"],
      ["logs/c.txt", "copy"],
    ]);
    expect(result.errors.every((e) => isPermissionDenied(e.error))).toBe(true);
    expect(result).toMatchObject({ copied: 1, success: false });
    const attempted = dst.journal.filter((j) => j.op === "newWriter").map((j) => j.path);
    expect(attempted).toEqual(["a.txt", "logs/b.txt", "logs/c.txt"]);
  });

  test("a source stream failing at its second chunk leaves the destination as it was", async () => {
    const src = new MemoryBackend();
    const dst = new MemoryBackend();
    const writer = await src.newWriter("big.bin");
    await writer.write("first chunk, ");
    await writer.write("second chunk");
    await writer.close();
    await seed(dst, { "big.bin": "old" });
    src.inject({ op: "read", path: "big.bin", after: 1, error: new Error("EIO") });
    const result = await sync(src, dst, "", "");
    expect(result.errors).toEqual([{ path: "big.bin", op: "copy", error: new Error("EIO") }]);
    expect(await contents(dst)).toEqual({ "big.bin": "old" });
    expect(dst.openHandles()).toEqual([]);
  });

  test("a quota hit mid-sync fails that file only; the rest still arrives", async () => {
    const src = new MemoryBackend();
    const dst = new MemoryBackend({ quota: 10 });
    await seed(src, { "a.txt": "12345", "b.txt": "123456789", "c.txt": "123" });
    const result = await sync(src, dst, "", "", { concurrency: 1 });
    expect(result.errors.map((e) => e.path)).toEqual(["b.txt"]);
    expect(await contents(dst)).toEqual({ "a.txt": "12345", "c.txt": "123" });
  });
});
