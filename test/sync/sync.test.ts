import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isPermissionDenied } from "../../src/core/errors.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import type { SyncOptions, SyncProgress } from "../../src/sync/index.js";
import { copyDir, sync } from "../../src/sync/index.js";
import { contents, fullState, ScriptedBackend, seed } from "./helpers.js";
import { type BackendPair, PAIRS } from "./pairs.js";

const T0 = new Date("2024-01-01T00:00:00Z");
const LATER = new Date("2024-06-01T00:00:00Z");

describe.each(PAIRS)("sync $name", (kind) => {
  let pair: BackendPair;
  let src: ExtendedBackend;
  let dst: ExtendedBackend;
  beforeEach(async () => {
    pair = await kind.make();
    ({ src, dst } = pair);
  });
  afterEach(async () => {
    await pair.cleanup();
  });

  test("copies new files, nested ones included, into an empty destination", async () => {
    await seed(src, { "file1.txt": "content1", "file2.txt": "content2", "subdir/file3.txt": "c3" });
    const result = await sync(src, dst, "", "");
    expect(result).toMatchObject({ copied: 3, updated: 0, deleted: 0, skipped: 0, errors: [] });
    expect(result.success).toBe(true);
    expect(result.dryRun).toBe(false);
    expect(result.bytesTransferred).toBe(8 + 8 + 2);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(await contents(dst)).toEqual(await contents(src));
  });

  test("gives each written file the source's modification time and content type", async () => {
    await seed(src, { "a.json": "{}" }, T0);
    await sync(src, dst, "", "");
    const [a, b] = await Promise.all([src.stat("a.json"), dst.stat("a.json")]);
    expect(b.modTime.getTime()).toBe(a.modTime.getTime());
    expect(b.contentType).toBe(a.contentType);
  });

  test("updates a file whose size differs", async () => {
    await seed(dst, { "file.txt": "old" });
    await seed(src, { "file.txt": "new content with a different size" });
    const result = await sync(src, dst, "", "");
    expect(result).toMatchObject({ copied: 0, updated: 1, skipped: 0 });
    expect(await contents(dst)).toEqual({ "file.txt": "new content with a different size" });
  });

  test("updates a same-size file whose modification time differs by more than 1 s", async () => {
    await seed(dst, { "file.txt": "aaaa" }, T0);
    await seed(src, { "file.txt": "bbbb" }, new Date(T0.getTime() + 1001));
    const result = await sync(src, dst, "", "");
    expect(result.updated).toBe(1);
    expect(await contents(dst)).toEqual({ "file.txt": "bbbb" });
  });

  test("treats modification times within 1 s as equal (filesystem rounding)", async () => {
    await seed(dst, { "file.txt": "aaaa" }, T0);
    await seed(src, { "file.txt": "bbbb" }, new Date(T0.getTime() + 1000));
    const result = await sync(src, dst, "", "");
    expect(result).toMatchObject({ updated: 0, skipped: 1 });
    expect(await contents(dst)).toEqual({ "file.txt": "aaaa" });
  });

  test("skips identical files", async () => {
    await seed(src, { "file.txt": "same content" });
    await seed(dst, { "file.txt": "same content" });
    const result = await sync(src, dst, "", "");
    expect(result).toMatchObject({ copied: 0, updated: 0, skipped: 1, bytesTransferred: 0 });
  });

  test("keeps extra destination files without deleteExtra", async () => {
    await seed(src, { "file1.txt": "content1" });
    await seed(dst, { "extra.txt": "extra content" });
    const result = await sync(src, dst, "", "");
    expect(result).toMatchObject({ copied: 1, deleted: 0 });
    expect(await contents(dst)).toEqual({ "extra.txt": "extra content", "file1.txt": "content1" });
  });

  test("deletes extra destination files with deleteExtra", async () => {
    await seed(src, { "file1.txt": "content1" });
    await seed(dst, { "extra.txt": "extra content", "deep/extra.txt": "x" });
    const result = await sync(src, dst, "", "", { deleteExtra: true });
    expect(result).toMatchObject({ copied: 1, deleted: 2 });
    expect(await contents(dst)).toEqual({ "file1.txt": "content1" });
  });

  test("a second sync finds nothing to do", async () => {
    await seed(src, { "a.txt": "1", "b/c.txt": "22", "b/d/e.bin": "333" });
    await seed(dst, { "a.txt": "old", "z.txt": "extra" });
    const first = await sync(src, dst, "", "", { deleteExtra: true });
    expect(first).toMatchObject({ copied: 2, updated: 1, deleted: 1 });
    const second = await sync(src, dst, "", "", { deleteExtra: true });
    expect(second).toMatchObject({ copied: 0, updated: 0, deleted: 0, skipped: 3 });
    expect(second.bytesTransferred).toBe(0);
  });

  test("a dry run reports what a real run does and changes nothing", async () => {
    await seed(src, { "new.txt": "new!", "changed.txt": "changed content", "same.txt": "same" });
    await seed(dst, { "changed.txt": "old", "same.txt": "same", "extra.txt": "extra" });
    const before = [await fullState(src), await fullState(dst)];
    const options: SyncOptions = { deleteExtra: true };
    const dry = await sync(src, dst, "", "", { ...options, dryRun: true });
    expect([await fullState(src), await fullState(dst)]).toEqual(before);
    expect(dry.dryRun).toBe(true);
    const real = await sync(src, dst, "", "", options);
    const counts = ({ copied, updated, deleted, skipped, bytesTransferred }: typeof real) => ({
      copied,
      updated,
      deleted,
      skipped,
      bytesTransferred,
    });
    expect(counts(dry)).toEqual(counts(real));
    expect(counts(real)).toEqual({
      copied: 1,
      updated: 1,
      deleted: 1,
      skipped: 1,
      bytesTransferred: 4 + 15,
    });
  });

  test("srcPath and dstPath are folders: `data` never picks up `database.txt`", async () => {
    await seed(src, { "data/file1.txt": "1", "data/sub/file2.txt": "2", "database.txt": "db" });
    await seed(dst, { "backup/old.txt": "o", "backupfile.txt": "keep", "other/x.txt": "keep" });
    const result = await sync(src, dst, "data", "backup", { deleteExtra: true });
    expect(result).toMatchObject({ copied: 2, deleted: 1 });
    expect(await contents(dst)).toEqual({
      "backup/file1.txt": "1",
      "backup/sub/file2.txt": "2",
      "backupfile.txt": "keep",
      "other/x.txt": "keep",
    });
  });

  test("folder paths are normalised: leading and trailing slashes do not matter", async () => {
    await seed(src, { "data/a.txt": "a" });
    const result = await sync(src, dst, "/data/", "out/");
    expect(result.copied).toBe(1);
    expect(await contents(dst)).toEqual({ "out/a.txt": "a" });
  });

  test("result paths are relative to the folders and sorted", async () => {
    const failing = new ScriptedBackend(dst);
    await seed(src, { "in/b.txt": "b", "in/a.txt": "a", "in/c/d.txt": "d" });
    for (const p of ["out/b.txt", "out/a.txt", "out/c/d.txt"]) failing.failWrites.add(p);
    const result = await sync(src, failing, "in", "out", { concurrency: 3 });
    expect(result.errors.map((e) => e.path)).toEqual(["a.txt", "b.txt", "c/d.txt"]);
    expect(result.errors.every((e) => e.op === "copy" && isPermissionDenied(e.error))).toBe(true);
    expect(result.success).toBe(false);
  });

  test("with checksum, same-size same-time files with other content are updated", async () => {
    await seed(src, { "file.txt": "aaaa" }, T0);
    await seed(dst, { "file.txt": "bbbb" }, T0);
    expect((await sync(src, dst, "", "", { dryRun: true })).skipped).toBe(1);
    const result = await sync(src, dst, "", "", { checksum: true });
    expect(result.updated).toBe(1);
    expect(await contents(dst)).toEqual({ "file.txt": "aaaa" });
  });

  test("with checksum, equal content is skipped whatever the modification times", async () => {
    await seed(src, { "file.txt": "same" }, T0);
    await seed(dst, { "file.txt": "same" }, LATER);
    expect((await sync(src, dst, "", "", { checksum: true })).skipped).toBe(1);
  });

  test("sizeOnly compares sizes alone", async () => {
    await seed(src, { "same-size.txt": "aaaa", "other-size.txt": "a" }, T0);
    await seed(dst, { "same-size.txt": "bbbb", "other-size.txt": "bb" }, LATER);
    const result = await sync(src, dst, "", "", { sizeOnly: true });
    expect(result).toMatchObject({ updated: 1, skipped: 1 });
    expect(await contents(dst)).toEqual({ "same-size.txt": "bbbb", "other-size.txt": "a" });
  });

  test("ignoreSize compares modification times alone", async () => {
    await seed(src, { "a.txt": "short", "b.txt": "x" }, T0);
    await seed(dst, { "a.txt": "much longer" }, T0);
    await seed(dst, { "b.txt": "y" }, LATER);
    const result = await sync(src, dst, "", "", { ignoreSize: true });
    expect(result).toMatchObject({ updated: 1, skipped: 1 });
    expect(await contents(dst)).toEqual({ "a.txt": "much longer", "b.txt": "x" });
  });

  test("ignoreTime compares sizes alone, unless checksum", async () => {
    await seed(src, { "a.txt": "aaaa" }, T0);
    await seed(dst, { "a.txt": "bbbb" }, LATER);
    expect((await sync(src, dst, "", "", { ignoreTime: true, dryRun: true })).skipped).toBe(1);
    expect((await sync(src, dst, "", "", { ignoreTime: true, checksum: true })).updated).toBe(1);
  });

  test("ignoreExisting never touches a file present at the destination", async () => {
    await seed(src, { "a.txt": "new content", "b.txt": "b" });
    await seed(dst, { "a.txt": "old" });
    const result = await sync(src, dst, "", "", { ignoreExisting: true });
    expect(result).toMatchObject({ copied: 1, updated: 0, skipped: 1 });
    expect(await contents(dst)).toEqual({ "a.txt": "old", "b.txt": "b" });
  });

  test("progress reports the phases in order, each transfer before it happens", async () => {
    await seed(src, { "file1.txt": "content1", "file2.txt": "content2" });
    await seed(dst, { "extra.txt": "x" });
    const reports: SyncProgress[] = [];
    await sync(src, dst, "", "", {
      deleteExtra: true,
      concurrency: 1,
      progress: (p) => reports.push(p),
    });
    expect(reports.map((r) => [r.phase, r.currentFile])).toEqual([
      ["scanning", undefined],
      ["comparing", undefined],
      ["transferring", undefined],
      ["transferring", "file1.txt"],
      ["transferring", "file2.txt"],
      ["deleting", undefined],
      ["deleting", "extra.txt"],
      ["done", undefined],
    ]);
    expect(reports.find((r) => r.currentFile === "file2.txt")).toMatchObject({
      filesTransferred: 1,
      totalFiles: 2,
      bytesTransferred: 8,
      totalBytes: 16,
    });
    expect(reports.at(-1)).toEqual({
      phase: "done",
      filesTransferred: 2,
      totalFiles: 2,
      bytesTransferred: 16,
      totalBytes: 16,
      filesDeleted: 1,
      errors: 0,
    });
  });

  test("a dry run reports the same progress as a real run", async () => {
    await seed(src, { "a.txt": "a", "b/c.txt": "cc" });
    await seed(dst, { "x.txt": "x" });
    const dry: SyncProgress[] = [];
    const real: SyncProgress[] = [];
    const options = { deleteExtra: true, concurrency: 1 };
    await sync(src, dst, "", "", { ...options, dryRun: true, progress: (p) => dry.push(p) });
    await sync(src, dst, "", "", { ...options, progress: (p) => real.push(p) });
    expect(dry).toEqual(real);
  });

  test("include keeps only matching files; a pattern without `/` matches names at any depth", async () => {
    await seed(src, { "data.json": "j", "data.xml": "x", "deep/er/more.json": "m", "b.tmp": "t" });
    const result = await sync(src, dst, "", "", { filter: { include: "*.json" } });
    expect(result.copied).toBe(2);
    expect(Object.keys(await contents(dst))).toEqual(["data.json", "deep/er/more.json"]);
  });

  test("a pattern with `/` matches the whole relative path; `**` crosses folders", async () => {
    await seed(src, { "docs/a.md": "a", "docs/x/y/b.md": "b", "src/docs/c.md": "c", "d.md": "d" });
    await sync(src, dst, "", "", { filter: { include: ["docs/**/*.md"] } });
    expect(Object.keys(await contents(dst))).toEqual(["docs/a.md", "docs/x/y/b.md"]);
  });

  test("globs are relative to srcPath", async () => {
    await seed(src, { "root/docs/a.md": "a", "root/b.md": "b", "docs/c.md": "c" });
    await sync(src, dst, "root", "", { filter: { include: "/docs/*" } });
    expect(Object.keys(await contents(dst))).toEqual(["docs/a.md"]);
  });

  test("exclude wins over include; a trailing `/` excludes a folder at any depth", async () => {
    await seed(src, {
      "keep.txt": "k",
      "skip.tmp": "s",
      "cache/a.txt": "c",
      "x/cache/b.txt": "c",
      "x/cached.txt": "ok",
    });
    await sync(src, dst, "", "", {
      filter: { include: ["*.txt", "*.tmp"], exclude: ["*.tmp", "cache/"] },
    });
    expect(Object.keys(await contents(dst))).toEqual(["keep.txt", "x/cached.txt"]);
  });

  test("excluded destination files are never deleted", async () => {
    await seed(src, { "a.txt": "a" });
    await seed(dst, { "local.log": "mine", "logs/x.log": "mine", "stale.txt": "gone" });
    const result = await sync(src, dst, "", "", {
      deleteExtra: true,
      filter: { exclude: "*.log" },
    });
    expect(result).toMatchObject({ copied: 1, deleted: 1 });
    expect(await contents(dst)).toEqual({
      "a.txt": "a",
      "local.log": "mine",
      "logs/x.log": "mine",
    });
  });

  test("after maxErrors failures no new transfer starts", async () => {
    const failing = new ScriptedBackend(dst);
    await seed(src, { "a.txt": "a", "b.txt": "b", "c.txt": "c", "d.txt": "d", "e.txt": "e" });
    failing.failWrites.add("a.txt").add("b.txt").add("d.txt");
    const result = await sync(src, failing, "", "", { maxErrors: 2, concurrency: 1 });
    expect(result.errors.map((e) => e.path)).toEqual(["a.txt", "b.txt"]);
    expect(result.success).toBe(false);
    expect(result.copied).toBe(0);
    expect(await dst.list("")).toEqual([]);
  });

  test("maxErrors unset or 0 means no limit: every other file is still copied", async () => {
    const failing = new ScriptedBackend(dst);
    await seed(src, { "a.txt": "a", "b.txt": "b", "c.txt": "c", "d.txt": "d", "e.txt": "e" });
    failing.failWrites.add("a.txt").add("b.txt").add("d.txt");
    for (const maxErrors of [undefined, 0]) {
      const result = await sync(src, failing, "", "", { maxErrors, concurrency: 1 });
      expect(result.errors.map((e) => e.path)).toEqual(["a.txt", "b.txt", "d.txt"]);
      expect(await dst.list("")).toEqual(["c.txt", "e.txt"]);
    }
  });

  test("failed deletes are reported with op `delete` and count toward maxErrors", async () => {
    const failing = new ScriptedBackend(dst);
    await seed(dst, { "x1.txt": "1", "x2.txt": "2", "x3.txt": "3" });
    failing.failDeletes.add("x1.txt");
    const result = await sync(src, failing, "", "", {
      deleteExtra: true,
      maxErrors: 1,
      concurrency: 1,
    });
    expect(result.errors).toEqual([{ path: "x1.txt", op: "delete", error: expect.any(Error) }]);
    expect(result.deleted).toBe(0);
    expect(await dst.list("")).toEqual(["x1.txt", "x2.txt", "x3.txt"]);
  });

  test("a copy failing mid-stream never leaves a half-written destination file", async () => {
    const flaky = new ScriptedBackend(src);
    await seed(src, { "new.txt": "a new file of some length", "upd.txt": "the updated content" });
    await seed(dst, { "upd.txt": "the old content" });
    flaky.failReads.add("new.txt").add("upd.txt");
    const watched = new ScriptedBackend(dst);
    const result = await sync(flaky, watched, "", "");
    expect([...watched.opened].sort()).toEqual(["new.txt", "upd.txt"]);
    expect(watched.writersOpen).toBe(0);
    expect(result.errors.map((e) => [e.path, e.op])).toEqual([
      ["new.txt", "copy"],
      ["upd.txt", "copy"],
    ]);
    expect(result).toMatchObject({ copied: 0, updated: 0, bytesTransferred: 0, success: false });
    expect(await contents(dst)).toEqual({ "upd.txt": "the old content" });
  });

  test("a signal aborted before the start rejects with its reason and changes nothing", async () => {
    await seed(src, { "a.txt": "a" });
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(sync(src, dst, "", "", { signal: controller.signal })).rejects.toBe(reason);
    expect(await dst.list("")).toEqual([]);
  });

  test("aborting mid-way rejects with the reason; every file present is complete", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++)
      files[`f${String(i).padStart(2, "0")}.txt`] = `content ${i}`.repeat(50);
    await seed(src, files);
    const watched = new ScriptedBackend(dst);
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    watched.onWriterOpen = () => {
      if (watched.opened.length === 5) controller.abort(reason);
    };
    const run = sync(src, watched, "", "", { signal: controller.signal, concurrency: 3 });
    await expect(run).rejects.toBe(reason);
    const copied = await contents(dst);
    expect(Object.keys(copied).length).toBeLessThan(5);
    for (const [path, content] of Object.entries(copied)) expect(content).toBe(files[path]);
    expect(watched.writersOpen).toBe(0);
  });

  test("at most `concurrency` transfers are in flight, and that many are used", async () => {
    const watched = new ScriptedBackend(dst);
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`f${i}.txt`] = `${i}`;
    await seed(src, files);
    // Hold each writer open until three are open at once (or every file has been opened):
    // a free worker is always on its way to opening one, so this never waits forever.
    watched.onWriterOpen = async () => {
      while (watched.writersOpen < 3 && watched.opened.length < 12) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const result = await sync(src, watched, "", "", { concurrency: 3 });
    expect(result.copied).toBe(12);
    expect(watched.peakWriters).toBe(3);
  });

  test("listing failure rejects", async () => {
    const failing = new ScriptedBackend(dst);
    failing.failList = true;
    await seed(src, { "a.txt": "a" });
    await expect(sync(src, failing, "", "")).rejects.toSatisfy(isPermissionDenied);
  });

  test("extras in the way of a transfer are deleted once every other transfer worked, so a mirror converges", async () => {
    // `a` is a folder at the destination but a file at the source, and the reverse for `b`.
    await seed(src, { a: "file a", "b/inner.txt": "inside b" });
    await seed(dst, { "a/x.txt": "1", "a/y/z.txt": "2", b: "file b" });
    const reports: SyncProgress[] = [];
    const result = await sync(src, dst, "", "", {
      deleteExtra: true,
      concurrency: 1,
      progress: (p) => reports.push(p),
    });
    expect(result).toMatchObject({ copied: 2, deleted: 3, success: true });
    expect(await contents(dst)).toEqual({ a: "file a", "b/inner.txt": "inside b" });
    expect(reports.map((r) => r.phase)).toEqual([
      "scanning",
      "comparing",
      "transferring",
      "transferring",
      "transferring",
      "deleting",
      "deleting",
      "deleting",
      "deleting",
      "done",
    ]);
  });

  test("without deleteExtra a file/folder clash is a per-file error", async () => {
    await seed(src, { a: "file a", ok: "fine" });
    await seed(dst, { "a/x.txt": "1" });
    const result = await sync(src, dst, "", "");
    expect(result.errors.map((e) => [e.path, e.op])).toEqual([["a", "copy"]]);
    expect(await contents(dst)).toEqual({ "a/x.txt": "1", ok: "fine" });
  });

  test("invalid options reject before anything changes", async () => {
    await seed(src, { "a.txt": "a" });
    await expect(sync(src, dst, "", "", { concurrency: 0 })).rejects.toThrow(RangeError);
    await expect(sync(src, dst, "", "", { maxErrors: -1 })).rejects.toThrow(/maxErrors/);
    await expect(sync(src, dst, "../up", "")).rejects.toThrow(/\.\./);
    await expect(sync(src, dst, "", "", { filter: { include: "" } })).rejects.toThrow(TypeError);
    expect(await dst.list("")).toEqual([]);
  });

  test("copyDir copies new and changed files and never deletes", async () => {
    await seed(src, { "file1.txt": "content1" });
    await seed(dst, { "extra.txt": "extra" });
    const options = { deleteExtra: true } as SyncOptions;
    const result = await copyDir(src, dst, "", "", options);
    expect(result).toMatchObject({ copied: 1, deleted: 0 });
    expect(await contents(dst)).toEqual({ "extra.txt": "extra", "file1.txt": "content1" });
  });
});
