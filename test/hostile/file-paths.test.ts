import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isStorageError } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { STAGING_DIR } from "../../src/file/confined-root.js";
import { FileBackend } from "../../src/file/index.js";
import { onDisk } from "../file/disk.js";
import { corpus, distinctPairs } from "./corpus.js";
import { type HostileTarget, runHostilePath } from "./run-corpus.js";

let base = "";
let made = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "omnistorage-hostile-"));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** What is really on disk below the root (staging folder itself aside), with file contents. */
async function diskTree(b: ExtendedBackend): Promise<Record<string, string | null>> {
  const root = (b as FileBackend).root;
  const out: Record<string, string | null> = {};
  for (const rel of await onDisk(root)) {
    if (rel === `${STAGING_DIR}/`) continue;
    out[rel] = rel.endsWith("/") ? null : await readFile(join(root, rel), "latin1");
  }
  return out;
}

const file: HostileTarget = {
  create: async () => new FileBackend({ root: join(base, `root-${made++}`) }),
  snapshot: diskTree,
  destroy: async (b) => rm((b as FileBackend).root, { recursive: true, force: true }),
  strict: false,
};

describe.concurrent("hostile paths through every FileBackend operation", () => {
  // The 1000-level tree (past PATH_MAX) goes through every operation like the rest: the file
  // backend refuses it before touching the disk. Its own test below checks no directory is left.
  test.each(corpus.map((c) => [c.label, c] as const))(
    "%s: each call works or is a typed error, a rejected call changes nothing on disk, a valid name is ordinary",
    async (_label, entry) => {
      const rejected = await runHostilePath(file, entry);
      if (entry.key === "invalid") expect(rejected).toBeGreaterThan(25);
    },
  );

  test("a tree 1000 levels deep (past PATH_MAX) is refused with typed errors and leaves no directory behind", async () => {
    const entry = corpus.find((c) => c.label === "tree 1000 levels deep");
    if (!entry) throw new Error("corpus lost its deep tree");
    const b = await file.create();
    try {
      await writeFile(b, "top.txt", "top");
      const before = await diskTree(b);
      for (const call of [
        () => writeFile(b, entry.path, "deep"),
        () => b.mkdir(entry.path),
        () => b.copy("top.txt", entry.path),
      ]) {
        const err = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        if (err === undefined) {
          // A filesystem that can hold it must give it back.
          expect(await readText(b, entry.path)).toBeTypeOf("string");
          return;
        }
        expect(isStorageError(err), String(err)).toBe(true);
        expect(await diskTree(b)).toEqual(before);
      }
      await expect(b.stat(entry.path)).rejects.toSatisfy(isStorageError);
    } finally {
      await b.close();
      await file.destroy?.(b);
    }
  }, 60_000);

  test("a name longer than NAME_MAX is a typed InvalidPathError naming the path, not a crash", async () => {
    const b = await file.create();
    try {
      const long = "n".repeat(256);
      await expect(writeFile(b, `dir/${long}`, "x")).rejects.toMatchObject({
        code: "EINVAL",
        path: `dir/${long}`,
      });
      expect(await b.exists("dir")).toBe(false);
    } finally {
      await b.close();
    }
  });

  test.each(distinctPairs.map(([label, a, b]) => [label, a, b] as const))(
    "%s stay two distinct keys on disk",
    async (_label, a, b) => {
      const backend = await file.create();
      try {
        await writeFile(backend, a, "first");
        await writeFile(backend, b, "second");
        expect(await readText(backend, a)).toBe("first");
        expect(await readText(backend, b)).toBe("second");
        expect(await backend.list("")).toHaveLength(2);
      } finally {
        await backend.close();
      }
    },
  );
});
