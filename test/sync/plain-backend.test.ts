import { describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/memory-backend.js";
import { check, sync } from "../../src/sync/index.js";
import { contents, plainBackend, seed } from "./helpers.js";

// A backend with only the core methods has no stat and no hash: sizes are counted by reading
// and contents compared byte by byte.
describe("sync with a side that is a plain Backend", () => {
  test("copies from a plain source, and a second sync compares contents and skips", async () => {
    const inner = new MemoryBackend();
    await seed(inner, { "a.txt": "alpha", "b/c.txt": "gamma" });
    const src = plainBackend(inner);
    const dst = new MemoryBackend();
    expect(await sync(src, dst, "", "")).toMatchObject({ copied: 2, bytesTransferred: 10 });
    expect(await contents(dst)).toEqual({ "a.txt": "alpha", "b/c.txt": "gamma" });
    expect(await sync(src, dst, "", "")).toMatchObject({ copied: 0, updated: 0, skipped: 2 });
  });

  test("a dry run learns the sizes by reading", async () => {
    const inner = new MemoryBackend();
    await seed(inner, { "a.txt": "12345" });
    const result = await sync(plainBackend(inner), new MemoryBackend(), "", "", { dryRun: true });
    expect(result).toMatchObject({ copied: 1, bytesTransferred: 5 });
  });

  test("same-size files with other content are updated into a plain destination", async () => {
    const src = new MemoryBackend();
    const inner = new MemoryBackend();
    await seed(src, { "a.txt": "new!", "same.txt": "same" });
    await seed(inner, { "a.txt": "old!", "same.txt": "same" });
    const result = await sync(src, plainBackend(inner), "", "", { deleteExtra: true });
    expect(result).toMatchObject({ updated: 1, skipped: 1 });
    expect(await contents(inner)).toEqual({ "a.txt": "new!", "same.txt": "same" });
  });

  test("sizeOnly counts the bytes of a plain side", async () => {
    const src = new MemoryBackend();
    const inner = new MemoryBackend();
    await seed(src, { "a.txt": "aaaa", "b.txt": "b" });
    await seed(inner, { "a.txt": "bbbb", "b.txt": "bb" });
    const result = await check(src, plainBackend(inner), "", "", { sizeOnly: true });
    expect(result).toMatchObject({ match: ["a.txt"], differ: ["b.txt"] });
  });
});
