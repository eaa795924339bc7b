import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useMemoryBackendWith } from "../../fixtures/core/index.js";
import { writeFile } from "../../src/core/helpers.js";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { check, copyDir, sync } from "../../src/sync/index.js";
import { fakeRunner } from "../fixtures/fake-runner.js";
import { ScriptedBackend } from "./helpers.js";

const noTemps = (b: MemoryBackend) => b.listSync().filter((p) => p.includes("omnistorage-sync"));

describe("sync, tried the hostile way", () => {
  test("odd folder spellings mean the same folders as their plain forms", async () => {
    const tree = { "data/a.txt": "a", "data/sub/b.txt": "b", "database.txt": "db" };
    const plain = new MemoryBackend();
    const odd = new MemoryBackend();
    const a = await sync(MemoryBackend.from(tree), plain, "data", "backup/2024");
    const b = await sync(MemoryBackend.from(tree), odd, "/data/", "./backup//2024/");
    expect(b).toMatchObject({ copied: a.copied, success: true });
    expect(odd.toJSON()).toEqual(plain.toJSON());
    expect(plain.toJSON()).toEqual({ "backup/2024/a.txt": "a", "backup/2024/sub/b.txt": "b" });
    const c = await check(MemoryBackend.from(tree), odd, "data/./", "//backup/2024");
    expect(c.inSync).toBe(true);
  });

  test("a folder that is not a string, or leaves the root, is an InvalidPathError naming the operation", async () => {
    const src = MemoryBackend.from({ "a.txt": "a" });
    const dst = new MemoryBackend();
    for (const bad of [undefined, null, 42, "../up", "data/../../up", "a\0b"]) {
      const failure = sync(src, dst, bad as string, "");
      await expect(failure).rejects.toMatchObject({ code: "EINVAL", op: "sync" });
      await expect(copyDir(src, dst, "", bad as string)).rejects.toMatchObject({ op: "copyDir" });
    }
    expect(dst.listSync()).toEqual([]);
  });

  test("a useMemoryBackend() handle and its backend are one backend: overlapping folders are refused", async () => {
    const { hooks, run } = fakeRunner("aroundEach");
    const handle = useMemoryBackendWith(hooks, { seed: { "data/a.txt": "a" } });
    await run(async () => {
      await expect(sync(handle, handle.current, "data", "data/copy")).rejects.toMatchObject({
        code: "EINVAL",
      });
      expect(handle.listSync()).toEqual(["data/a.txt"]);
    });
  });

  test("an abort mid-run with deleteExtra deletes no extra, and leaves only whole files", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${String(i).padStart(2, "0")}.txt`] = `content ${i}`;
    const src = MemoryBackend.from(files);
    const inner = MemoryBackend.from({ "extra1.txt": "keep", "old/extra2.txt": "keep" });
    const dst = new ScriptedBackend(inner);
    const controller = new AbortController();
    dst.onWriterOpen = () => {
      if (dst.opened.length === 5) controller.abort(new Error("stop"));
    };
    const run = sync(src, dst, "", "", { deleteExtra: true, signal: controller.signal });
    await expect(run).rejects.toThrow("stop");
    const after = inner.toJSON() as Record<string, string>;
    expect(after).toMatchObject({ "extra1.txt": "keep", "old/extra2.txt": "keep" });
    for (const [path, content] of Object.entries(after)) {
      if (path.startsWith("f")) expect(content).toBe(files[path]);
    }
    expect(inner.openHandles()).toEqual([]);
  });

  test("an abort while extras in the way are replaced loses nothing and leaves no staged file", async () => {
    const src = MemoryBackend.from({ a: "file a", "z.txt": "z" });
    const dst = MemoryBackend.from({ "a/x.txt": "in the way", "other.txt": "extra" });
    const controller = new AbortController();
    const run = sync(src, dst, "", "", {
      deleteExtra: true,
      signal: controller.signal,
      progress: (p) => {
        if (p.phase === "deleting") controller.abort(new Error("stop"));
      },
    });
    await expect(run).rejects.toThrow("stop");
    expect(noTemps(dst)).toEqual([]);
    const after = dst.toJSON() as Record<string, string>;
    // Either the blocked file was not replaced (the extra in its way is kept), or the
    // replacement finished as one step; the other extra is never deleted after an abort.
    if (after["a/x.txt"] === undefined) expect(after.a).toBe("file a");
    else expect(after.a).toBeUndefined();
    expect(after["other.txt"]).toBe("extra");
  });

  test("an abort while a file in the way is staged keeps the extra and removes the staged file", async () => {
    const src = MemoryBackend.from({ a: "file a" });
    const dst = MemoryBackend.from({ "a/x.txt": "in the way" });
    const controller = new AbortController();
    dst.inject({ op: "close", path: /omnistorage-sync/, delayMs: 50 });
    const run = sync(src, dst, "", "", { deleteExtra: true, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 10);
    await expect(run).rejects.toThrow("stop");
    expect(dst.toJSON()).toEqual({ "a/x.txt": "in the way" });
    expect(dst.openHandles()).toEqual([]);
  });

  test("two unawaited syncs of one pair both settle, and the destination ends a whole mirror", async () => {
    const src = MemoryBackend.from({ a: "file a", "b/c.txt": "c", "d.txt": "d" });
    const dst = MemoryBackend.from({ "a/x.txt": "x", b: "file b", "e.txt": "e" });
    const runs = [
      sync(src, dst, "", "", { deleteExtra: true }),
      sync(src, dst, "", "", { deleteExtra: true }),
    ];
    const results = await Promise.allSettled(runs);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    await sync(src, dst, "", "", { deleteExtra: true });
    expect(dst.toJSON()).toEqual(src.toJSON());
    expect(noTemps(dst)).toEqual([]);
  });

  test("maxErrors: 1 with deleteExtra stops at the first failure and deletes nothing", async () => {
    const src = MemoryBackend.from({ "a.txt": "a", "b.txt": "b", "c.txt": "c" });
    const dst = MemoryBackend.from({ "x.txt": "extra" });
    dst.inject({ op: "write", path: "a.txt" });
    const result = await sync(src, dst, "", "", {
      deleteExtra: true,
      maxErrors: 1,
      concurrency: 1,
    });
    expect(result).toMatchObject({ copied: 0, deleted: 0, deletesSkipped: true, success: false });
    expect(dst.toJSON()).toEqual({ "x.txt": "extra" });
  });

  test("excluded extras are kept by a run that deletes the others, whatever the exclude spelling", async () => {
    const src = MemoryBackend.from({ "keep/a.txt": "a" });
    const dst = MemoryBackend.from({
      "keep/b.log": "excluded by name",
      "cache/x.bin": "excluded folder",
      "deep/cache/y.bin": "excluded folder at depth",
      "top.tmp": "anchored exclude",
      "gone.txt": "an extra",
    });
    const result = await sync(src, dst, "", "", {
      deleteExtra: true,
      filter: { exclude: ["*.log", "cache/", "/top.tmp"] },
    });
    expect(result).toMatchObject({ deleted: 1, success: true, deletesSkipped: false });
    expect(dst.existsSync("gone.txt")).toBe(false);
    expect(dst.listSync()).toEqual([
      "cache/x.bin",
      "deep/cache/y.bin",
      "keep/a.txt",
      "keep/b.log",
      "top.tmp",
    ]);
  });

  test("two FileBackends whose roots differ only by a symbolic link are one backend", async () => {
    const base = await mkdtemp(join(tmpdir(), "omnistorage-hostile-"));
    try {
      await mkdir(join(base, "real"));
      await symlink(join(base, "real"), join(base, "link"), "dir");
      await using real = new FileBackend({ root: join(base, "real") });
      await using viaLink = new FileBackend({ root: join(base, "link") });
      await writeFile(real, "data/a.txt", "a");
      await expect(sync(real, viaLink, "data", "data/copy")).rejects.toMatchObject({
        code: "EINVAL",
      });
      await expect(sync(viaLink, real, "/data/", "./data")).rejects.toMatchObject({
        code: "EINVAL",
      });
      expect(await real.list("")).toEqual(["data/a.txt"]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
