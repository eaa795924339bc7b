import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { useMemoryBackendWith } from "../../fixtures/core/index.js";
import { copyPath, movePath, readText, writeFile } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { fakeRunner } from "../fixtures/fake-runner.js";

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function diskRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "omnistorage-same-file-"));
  roots.push(root);
  return root;
}

const BACKENDS: readonly [string, () => Promise<ExtendedBackend>][] = [
  ["memory", async () => new MemoryBackend()],
  ["file", async () => new FileBackend({ root: await diskRoot() })],
];

/** Spellings of one file: `[source, destination]`. */
const SAME_FILE: readonly [string, string][] = [
  ["a.txt", "a.txt"],
  ["a.txt", "/a.txt"],
  ["./a.txt", "a.txt"],
  ["dir/b.txt", "dir//b.txt"],
  ["/dir/./b.txt", "dir/b.txt/"],
];

describe.each(BACKENDS)("copyPath/movePath onto the same file (%s)", (_name, make) => {
  test.each(SAME_FILE)(
    "movePath(%j → %j) on one backend is a no-op, as move(p, p) is",
    async (from, to) => {
      await using backend = await make();
      await writeFile(backend, "a.txt", "keep me");
      await writeFile(backend, "dir/b.txt", "keep me too");
      const path = from.includes("b.txt") ? "dir/b.txt" : "a.txt";
      const before = await readText(backend, path);
      await movePath(backend, from, backend, to);
      expect(await backend.list("")).toEqual(["a.txt", "dir/b.txt"]);
      expect(await readText(backend, path)).toBe(before);
    },
  );

  test.each(SAME_FILE)(
    "copyPath(%j → %j) on one backend is a no-op and keeps the modification time",
    async (from, to) => {
      await using backend = await make();
      const modTime = new Date("2020-01-01T00:00:00Z");
      await writeFile(backend, "a.txt", "keep me", { modTime });
      await writeFile(backend, "dir/b.txt", "keep me too", { modTime });
      const path = from.includes("b.txt") ? "dir/b.txt" : "a.txt";
      await copyPath(backend, from, backend, to, { modTime: new Date() });
      expect(await backend.list("")).toEqual(["a.txt", "dir/b.txt"]);
      expect((await backend.stat(path)).modTime).toEqual(modTime);
    },
  );

  test("movePath onto the same missing file still rejects with NotFoundError", async () => {
    await using backend = await make();
    await expect(movePath(backend, "nope.txt", backend, "/nope.txt")).rejects.toMatchObject({
      code: "ENOENT",
    });
    await expect(copyPath(backend, "./nope.txt", backend, "nope.txt")).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  test("movePath or copyPath of a directory onto itself rejects with IsADirectoryError and keeps it", async () => {
    await using backend = await make();
    await writeFile(backend, "dir/b.txt", "keep me");
    await expect(movePath(backend, "dir", backend, "/dir/")).rejects.toMatchObject({
      code: "EISDIR",
    });
    await expect(copyPath(backend, "./dir", backend, "dir")).rejects.toMatchObject({
      code: "EISDIR",
    });
    expect(await readText(backend, "dir/b.txt")).toBe("keep me");
  });

  test("movePath with a path that does not normalise rejects with InvalidPathError naming movePath", async () => {
    await using backend = await make();
    await writeFile(backend, "a.txt", "keep me");
    await expect(movePath(backend, "a/../a.txt", backend, "a.txt")).rejects.toMatchObject({
      code: "EINVAL",
    });
    expect(await readText(backend, "a.txt")).toBe("keep me");
  });
});

describe("copyPath/movePath: what counts as the same backend", () => {
  test("two MemoryBackends are two stores: movePath between them moves", async () => {
    const a = MemoryBackend.from({ "a.txt": "alpha" });
    const b = new MemoryBackend();
    await movePath(a, "a.txt", b, "/a.txt");
    expect(a.listSync()).toEqual([]);
    expect(b.toJSON()).toEqual({ "a.txt": "alpha" });
  });

  test("two FileBackends on the same root folder are one store: movePath onto the same file is a no-op", async () => {
    const root = await diskRoot();
    await using a = new FileBackend({ root });
    await using b = new FileBackend({ root: `${root}/./` });
    await writeFile(a, "a.txt", "keep me");
    await movePath(a, "a.txt", b, "./a.txt");
    expect(await readText(a, "a.txt")).toBe("keep me");
  });

  test("a FileBackend on a subfolder of another's root: movePath onto the same file is a no-op", async () => {
    const root = await diskRoot();
    await using outer = new FileBackend({ root });
    await using inner = new FileBackend({ root: join(root, "sub") });
    await writeFile(outer, "sub/a.txt", "keep me");
    await movePath(outer, "sub/a.txt", inner, "a.txt");
    await movePath(inner, "/a.txt", outer, "sub//a.txt");
    expect(await readText(outer, "sub/a.txt")).toBe("keep me");
  });

  test("a useMemoryBackend() handle and the backend it stands for are one store", async () => {
    const { hooks, run } = fakeRunner("aroundEach");
    const handle = useMemoryBackendWith(hooks, { seed: { "a.txt": "keep me" } });
    await run(async () => {
      await movePath(handle, "a.txt", handle.current, "/a.txt");
      await movePath(handle.current, "./a.txt", handle, "a.txt");
      expect(handle.toJSON()).toEqual({ "a.txt": "keep me" });
    });
  });
});
