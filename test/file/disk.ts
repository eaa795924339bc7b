import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { FileBackend } from "../../src/file/index.js";

/** A fresh temp folder. */
export const tempDir = (label: string): Promise<string> =>
  mkdtemp(join(tmpdir(), `omnistorage-${label}-`));

/** What each test gets: a backend on a fresh root, and a sibling folder outside that root. */
export interface DiskContext {
  backend: FileBackend;
  /** The backend's root (its real path). */
  root: string;
  /** A folder next to the root, outside it (not created). */
  outside: string;
}

/** A fresh backend and an outside folder per test, both removed afterwards. */
export function useDisk(): () => DiskContext {
  let current: DiskContext | undefined;
  beforeEach(async () => {
    const base = await tempDir("file");
    const backend = new FileBackend({ root: join(base, "root") });
    current = { backend, root: backend.root, outside: join(base, "outside") };
  });
  afterEach(async () => {
    const ctx = current;
    current = undefined;
    if (!ctx) return;
    await ctx.backend.close();
    await rm(join(ctx.root, ".."), { recursive: true, force: true });
  });
  return () => {
    if (!current) throw new Error("useDisk: used outside a test");
    return current;
  };
}

/**
 * Every entry under `dir` on disk, hidden ones included, as sorted relative paths; directories
 * end with `/`. What is really there, not what the backend shows.
 */
export async function onDisk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .map((e) => {
      const rel = join(e.parentPath, e.name).slice(dir.length + 1);
      return e.isDirectory() ? `${rel}/` : rel;
    })
    .sort();
}

/** A file's text, read with node:fs. */
export const diskText = (path: string): Promise<string> => readFile(path, "utf8");
