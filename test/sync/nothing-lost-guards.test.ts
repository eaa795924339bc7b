import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { Backend } from "../../src/core/types.js";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { check, copyDir, sync } from "../../src/sync/index.js";
import { contents, plainBackend, seed } from "./helpers.js";
import { PAIRS } from "./pairs.js";

type Run = (src: Backend, dst: Backend, srcPath: string, dstPath: string) => Promise<unknown>;

/** Every entry point that takes two folders, run in the most destructive way it allows. */
const RUNS: readonly [string, Run][] = [
  ["sync", (s, d, a, b) => sync(s, d, a, b, { deleteExtra: true })],
  ["copyDir", (s, d, a, b) => copyDir(s, d, a, b)],
  ["check", (s, d, a, b) => check(s, d, a, b)],
];

const TREE = {
  "data/a.txt": "a",
  "data/sub/b.txt": "b",
  "data/backup/old.txt": "old",
  "database.txt": "db",
  "top.txt": "top",
};

/** Pairs of folder spellings that overlap on one backend: same, nested either way, roots. */
const OVERLAPPING: readonly [string, string][] = [
  ["data", "data"],
  ["data", "/data/"],
  ["./data", "data//"],
  ["data", "data/backup"],
  ["data/backup", "data"],
  ["data//sub", "data/sub/x"],
  ["", "data"],
  ["data", "/"],
  [".", "data/sub"],
  ["", "/"],
  ["/", "."],
];

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});
async function diskRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "omnistorage-guards-"));
  roots.push(root);
  return root;
}

describe.each(RUNS)("%s refuses overlapping folders on one backend", (name, run) => {
  test.each(OVERLAPPING)(
    `${name}(b, b, %j, %j) rejects with InvalidPathError and changes nothing`,
    async (from, to) => {
      const backend = MemoryBackend.from(TREE);
      const before = backend.toJSON();
      const failure = run(backend, backend, from, to);
      await expect(failure).rejects.toMatchObject({ name: "InvalidPathError", code: "EINVAL" });
      await expect(failure).rejects.toThrow(/overlap/);
      expect(backend.toJSON()).toEqual(before);
      expect(backend.journal.filter((e) => e.op !== "list" && e.op !== "stat")).toEqual([]);
    },
  );

  test(`${name}: siblings with a shared name prefix (data, database) do not overlap`, async () => {
    const backend = MemoryBackend.from({ "data/a.txt": "a", "database/z.txt": "z" });
    await expect(run(backend, backend, "data", "database")).resolves.toBeDefined();
    expect(backend.readSync("data/a.txt")).toEqual(new TextEncoder().encode("a"));
    expect(backend.existsSync("database/z.txt")).toBe(name !== "sync"); // an extra of database
    if (name !== "check")
      expect(backend.readSync("database/a.txt")).toEqual(new TextEncoder().encode("a"));
  });

  test(`${name}: two FileBackends over one disk folder are one backend`, async () => {
    const root = await diskRoot();
    const outer = new FileBackend({ root });
    const inner = new FileBackend({ root: join(root, "data") });
    try {
      await seed(outer, TREE);
      await expect(run(outer, inner, "data", "")).rejects.toMatchObject({ code: "EINVAL" });
      await expect(run(inner, outer, "", "data/backup")).rejects.toMatchObject({ code: "EINVAL" });
      await expect(run(outer, inner, "database.txt", "x")).rejects.toMatchObject({
        code: "ENOTDIR",
      });
      expect(await contents(outer)).toEqual(TREE);
    } finally {
      await Promise.all([outer.close(), inner.close()]);
    }
  });

  test(`${name}: two MemoryBackends never overlap, whatever the folders`, async () => {
    const src = MemoryBackend.from(TREE);
    const dst = MemoryBackend.from(TREE);
    await expect(run(src, dst, "data", "data")).resolves.toBeDefined();
  });
});

describe.each(RUNS)("%s checks the source folder before anything changes", (name, run) => {
  describe.each(PAIRS)("$name", (kind) => {
    test(`${name}: a srcPath that does not exist rejects with NotFoundError; the destination is kept`, async () => {
      const { src, dst, cleanup } = await kind.make();
      try {
        await seed(src, { "data/a.txt": "a" });
        await seed(dst, { "backup/keep.txt": "precious" });
        for (const missing of ["dta", "/dta/", "data/nope", "data/a.txt/x"]) {
          const failure = run(src, dst, missing, "backup");
          await expect(failure).rejects.toMatchObject({ name: "NotFoundError", code: "ENOENT" });
          await expect(failure).rejects.toThrow(/does not exist/);
        }
        expect(await contents(dst)).toEqual({ "backup/keep.txt": "precious" });
      } finally {
        await cleanup();
      }
    });

    test(`${name}: a srcPath that is a file rejects with NotADirectoryError; the destination is kept`, async () => {
      const { src, dst, cleanup } = await kind.make();
      try {
        await seed(src, { "data/a.txt": "a" });
        await seed(dst, { "backup/keep.txt": "precious" });
        const failure = run(src, dst, "./data/a.txt", "backup");
        await expect(failure).rejects.toMatchObject({
          name: "NotADirectoryError",
          code: "ENOTDIR",
        });
        expect(await contents(dst)).toEqual({ "backup/keep.txt": "precious" });
      } finally {
        await cleanup();
      }
    });

    test(`${name}: "", "/", "." and "./" are the whole backend, which always exists`, async () => {
      const { src, dst, cleanup } = await kind.make();
      try {
        await seed(src, { "a.txt": "a" });
        for (const root of ["", "/", ".", "./", "//"]) {
          await expect(run(src, dst, root, root)).resolves.toBeDefined();
        }
        if (name !== "check") expect(await contents(dst)).toEqual({ "a.txt": "a" });
      } finally {
        await cleanup();
      }
    });
  });

  test(`${name}: an empty source folder exists (an empty sync, not an error)`, async () => {
    const src = new MemoryBackend();
    await src.mkdir("empty");
    const dst = MemoryBackend.from({ "keep.txt": "k" });
    await expect(run(src, dst, "empty", "")).resolves.toBeDefined();
  });

  describe("on a plain Backend (no stat)", () => {
    test(`${name}: missing → NotFoundError, a file → NotADirectoryError, a folder works`, async () => {
      const inner = MemoryBackend.from({ "data/a.txt": "a", "empty/": null });
      const src = plainBackend(inner);
      const dst = MemoryBackend.from({ "backup/keep.txt": "precious" });
      await expect(run(src, dst, "nope", "backup")).rejects.toMatchObject({ code: "ENOENT" });
      await expect(run(src, dst, "data/a.txt", "backup")).rejects.toMatchObject({
        code: "ENOTDIR",
      });
      await expect(run(src, dst, "empty", "elsewhere")).resolves.toBeDefined();
      expect(dst.toJSON()).toEqual({ "backup/keep.txt": "precious" });
      await expect(run(src, dst, "data", "backup")).resolves.toBeDefined();
    });

    test(`${name}: a folder that exists only as a prefix of listed files counts as a folder`, async () => {
      const inner = MemoryBackend.from({ "data/a.txt": "a" });
      const prefixOnly: Backend = { ...plainBackend(inner), exists: async () => false };
      const dst = new MemoryBackend();
      await expect(run(prefixOnly, dst, "data", "")).resolves.toBeDefined();
      await expect(run(prefixOnly, dst, "nope", "")).rejects.toMatchObject({ code: "ENOENT" });
    });
  });
});
