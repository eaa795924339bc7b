import { describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/index.js";
import { copyDir, sync } from "../../src/sync/index.js";
import { contents, plainBackend, ScriptedBackend, seed } from "./helpers.js";
import { PAIRS } from "./pairs.js";

describe.each(PAIRS)("when any transfer fails, sync deletes no extras ($name)", (kind) => {
  test("a failed copy keeps every extra, and the result says deletes were skipped", async () => {
    const { src, dst, cleanup } = await kind.make();
    try {
      await seed(src, { "a.txt": "new a", "b.txt": "new b" });
      await seed(dst, { "extra1.txt": "keep", "old/extra2.txt": "keep too" });
      const failing = new ScriptedBackend(dst);
      failing.failWrites.add("b.txt");
      const result = await sync(src, failing, "", "", { deleteExtra: true });
      expect(result).toMatchObject({ copied: 1, deleted: 0, success: false, deletesSkipped: true });
      expect(result.errors.map((e) => [e.path, e.op])).toEqual([["b.txt", "copy"]]);
      expect(await contents(dst)).toEqual({
        "a.txt": "new a",
        "extra1.txt": "keep",
        "old/extra2.txt": "keep too",
      });
    } finally {
      await cleanup();
    }
  });

  test("a failed comparison keeps every extra too", async () => {
    const { src, dst, cleanup } = await kind.make();
    try {
      await seed(src, { "same.txt": "same" });
      await seed(dst, { "same.txt": "same", "extra.txt": "keep" });
      const flaky = new ScriptedBackend(src);
      flaky.failReads.add("same.txt");
      // A plain source has no stat nor hash: the comparison has to read, and the read fails.
      const result = await sync(plainBackend(flaky), dst, "", "", { deleteExtra: true });
      expect(result.errors.map((e) => [e.path, e.op])).toEqual([["same.txt", "compare"]]);
      expect(result).toMatchObject({ deleted: 0, deletesSkipped: true });
      expect(await contents(dst)).toEqual({ "same.txt": "same", "extra.txt": "keep" });
    } finally {
      await cleanup();
    }
  });

  test("a fully successful run deletes the extras and says nothing was skipped", async () => {
    const { src, dst, cleanup } = await kind.make();
    try {
      await seed(src, { "a.txt": "a" });
      await seed(dst, { "extra.txt": "gone" });
      const result = await sync(src, dst, "", "", { deleteExtra: true });
      expect(result).toMatchObject({ copied: 1, deleted: 1, success: true, deletesSkipped: false });
      expect(await contents(dst)).toEqual({ "a.txt": "a" });
    } finally {
      await cleanup();
    }
  });

  test("an extra in the way of a file is kept when another transfer fails", async () => {
    const { src, dst, cleanup } = await kind.make();
    try {
      // `a` is a file at the source and a folder at the destination: its files are in the way.
      await seed(src, { a: "file a", "z.txt": "z" });
      await seed(dst, { "a/keep.txt": "precious" });
      const failing = new ScriptedBackend(dst);
      failing.failWrites.add("z.txt");
      const result = await sync(src, failing, "", "", { deleteExtra: true, concurrency: 1 });
      expect(result).toMatchObject({ deleted: 0, success: false, deletesSkipped: true });
      expect(await contents(dst)).toEqual({ "a/keep.txt": "precious" });
      expect(result.errors.map((e) => [e.path, e.op])).toEqual([
        ["a", "copy"],
        ["z.txt", "copy"],
      ]);
    } finally {
      await cleanup();
    }
  });
});

describe("no deletes after failures: MemoryBackend faults", () => {
  test.each(["write", "close", "newWriter"] as const)(
    "a %s fault on one file keeps every extra",
    async (op) => {
      const src = MemoryBackend.from({ "a.txt": "a", "b.txt": "b" });
      const dst = MemoryBackend.from({ "x.txt": "extra", "b.txt": "old b" });
      dst.inject({ op, path: "b.txt" });
      const result = await sync(src, dst, "", "", { deleteExtra: true });
      expect(result).toMatchObject({ success: false, deleted: 0, deletesSkipped: true });
      expect(dst.toJSON()).toEqual({ "a.txt": "a", "b.txt": "old b", "x.txt": "extra" });
    },
  );

  test("without deleteExtra, or in copyDir, deletesSkipped stays false", async () => {
    const src = MemoryBackend.from({ "a.txt": "a" });
    const dst = MemoryBackend.from({ "x.txt": "extra" });
    dst.inject({ op: "write", path: "a.txt" });
    expect((await sync(src, dst, "", "")).deletesSkipped).toBe(false);
    expect((await copyDir(src, dst, "", "")).deletesSkipped).toBe(false);
  });

  test("with nothing to delete, a failure does not claim deletes were skipped", async () => {
    const src = MemoryBackend.from({ "a.txt": "a" });
    const dst = new MemoryBackend();
    dst.inject({ op: "write", path: "a.txt" });
    const result = await sync(src, dst, "", "", { deleteExtra: true });
    expect(result).toMatchObject({ success: false, deletesSkipped: false });
  });

  test("a plain destination keeps its extras after a failure as well", async () => {
    const src = MemoryBackend.from({ "a.txt": "a" });
    const inner = MemoryBackend.from({ "x.txt": "extra" });
    inner.inject({ op: "close", path: "a.txt" });
    const result = await sync(src, plainBackend(inner), "", "", { deleteExtra: true });
    expect(result).toMatchObject({ deleted: 0, deletesSkipped: true });
    expect(inner.toJSON()).toEqual({ "x.txt": "extra" });
  });

  test("an extra in the way of a file is kept when that very transfer fails", async () => {
    // The new `a` cannot be written while the folder `a/` is there: it is staged under a
    // temporary name first, and the extras are deleted only once it is. Fail the staging.
    const src = MemoryBackend.from({ a: "file a", "b/inner.txt": "inside b" });
    const dst = MemoryBackend.from({ "a/keep.txt": "precious", b: "file b" });
    for (const op of ["newWriter", "write", "close"] as const) {
      using _fault = dst.inject({ op, path: /\.omnistorage-sync-/, times: 1 });
      const result = await sync(src, dst, "", "", { deleteExtra: true, concurrency: 1 });
      expect(result).toMatchObject({ success: false, deleted: 0, deletesSkipped: true });
      expect(result.errors.map((e) => [e.path, e.op])).toEqual([
        ["a", "copy"],
        ["b/inner.txt", "copy"],
      ]);
      expect(dst.toJSON()).toEqual({ "a/keep.txt": "precious", b: "file b" });
      expect(dst.openHandles()).toEqual([]);
    }
    const result = await sync(src, dst, "", "", { deleteExtra: true });
    expect(result).toMatchObject({ success: true, copied: 2, deleted: 2, deletesSkipped: false });
    expect(dst.toJSON()).toEqual({ a: "file a", "b/inner.txt": "inside b" });
  });

  test("a failed delete of an extra in the way keeps the staged file out and the other extras", async () => {
    const src = MemoryBackend.from({ a: "file a" });
    const dst = MemoryBackend.from({ "a/x.txt": "x", "a/y.txt": "y", "other.txt": "extra" });
    dst.inject({ op: "delete", path: "a/y.txt" });
    const result = await sync(src, dst, "", "", { deleteExtra: true, concurrency: 1 });
    expect(result.success).toBe(false);
    expect(result.deletesSkipped).toBe(true);
    expect(dst.toJSON()).toEqual({ "a/y.txt": "y", "other.txt": "extra" });
    expect(dst.listSync().some((p) => p.includes("omnistorage-sync"))).toBe(false);
  });
});

describe("extras in the way, found by the no-loss property", () => {
  test("a folder in the way that also holds an excluded file is never emptied: the file is not copied and no extra is deleted", async () => {
    const src = MemoryBackend.from({ "x.txt": "new" });
    const dst = MemoryBackend.from({ "x.txt/y.bin": "extra", "x.txt/data": "excluded" });
    const result = await sync(src, dst, "", "", {
      deleteExtra: true,
      filter: { include: ["*.txt", "*.bin"] },
    });
    expect(result).toMatchObject({ success: false, deleted: 0, deletesSkipped: true });
    expect(result.errors.map((e) => [e.path, e.op])).toEqual([["x.txt", "copy"]]);
    expect(String(result.errors[0]?.error)).toMatch(/x\.txt\/data.*does not take part/);
    expect(dst.toJSON()).toEqual({ "x.txt/y.bin": "extra", "x.txt/data": "excluded" });
  });

  test("a staged file whose removal fails too is reported as a delete error, never left silently", async () => {
    const src = MemoryBackend.from({ "d/data": "new" });
    const dst = MemoryBackend.from({ "data/data": "extra" });
    dst.inject({ op: "delete", times: 2 });
    const result = await sync(src, dst, "d", "", { deleteExtra: true });
    expect(result.success).toBe(false);
    expect(dst.readSync("data/data")).toEqual(new TextEncoder().encode("extra"));
    const leftovers = dst.listSync().filter((p) => p.startsWith(".omnistorage-sync-"));
    expect(leftovers).toHaveLength(1);
    const reported = result.errors.filter((e) => e.op === "delete").map((e) => e.path);
    for (const path of leftovers) expect(reported).toContain(path);
  });

  test("a plain destination (no move) keeps extras in the way of a file: the file is failed, nothing deleted", async () => {
    const src = MemoryBackend.from({ "x.txt": "new", "ok.txt": "ok" });
    const inner = MemoryBackend.from({ "x.txt/y.bin": "in the way", "other.txt": "extra" });
    const result = await sync(src, plainBackend(inner), "", "", { deleteExtra: true });
    expect(result).toMatchObject({ success: false, copied: 1, deleted: 0, deletesSkipped: true });
    expect(result.errors.map((e) => [e.path, e.op])).toEqual([["x.txt", "copy"]]);
    expect(String(result.errors[0]?.error)).toMatch(/cannot move a file into place/);
    expect(inner.toJSON()).toEqual({
      "ok.txt": "ok",
      "other.txt": "extra",
      "x.txt/y.bin": "in the way",
    });
  });

  test("a dry run predicts the files that extras in the way keep from being written", async () => {
    const cases = [
      {
        dst: plainBackend(MemoryBackend.from({ "x.txt/y.bin": "in the way" })),
        options: {},
      },
      {
        dst: MemoryBackend.from({ "x.txt/y.bin": "extra", "x.txt/data": "excluded" }),
        options: { filter: { include: ["*.txt", "*.bin"] } },
      },
    ];
    for (const { dst, options } of cases) {
      const src = MemoryBackend.from({ "x.txt": "new" });
      const all = { ...options, deleteExtra: true };
      const dry = await sync(src, dst, "", "", { ...all, dryRun: true });
      const real = await sync(src, dst, "", "", all);
      for (const key of ["copied", "deleted", "success", "deletesSkipped"] as const) {
        expect(dry[key]).toBe(real[key]);
      }
      expect(dry.errors.map((e) => e.path)).toEqual(real.errors.map((e) => e.path));
      expect(real.success).toBe(false);
    }
  });
});
