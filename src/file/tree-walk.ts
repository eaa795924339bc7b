import type { Dirent } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { isStorageError } from "../core/errors.js";
import { type ConfinedRoot, STAGING_DIR } from "./confined-root.js";
import { copyBytes } from "./copy-bytes.js";
import { isMissing, mapFsError } from "./fs-errors.js";

/** A name in a directory that belongs to the backend's tree. */
interface TreeEntry {
  readonly name: string;
  readonly isDir: boolean;
}

// Fatal: a name that is not valid UTF-8 throws instead of becoming U+FFFD, which would merge
// distinct names on disk into one key (and a second sync would delete the file as an extra).
// ignoreBOM: a name that starts with U+FEFF keeps it (the decoder would drop it by default).
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The entries of a directory, or none when it vanished meanwhile. Symbolic links, special
 * files and names that are not valid UTF-8 are never part of the backend's tree (no path can
 * name them), so they are left out here.
 */
async function entriesOf(root: ConfinedRoot, op: string, dir: string): Promise<TreeEntry[]> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await readdir(root.abs(dir), { withFileTypes: true, encoding: "buffer" });
  } catch (err) {
    if (isMissing(err)) return [];
    throw mapFsError(op, dir, err);
  }
  const out: TreeEntry[] = [];
  for (const e of entries) {
    if (!(e.isFile() || e.isDirectory())) continue;
    let name: string;
    try {
      name = strictUtf8.decode(e.name);
    } catch {
      continue;
    }
    if (dir === "" && name === STAGING_DIR) continue;
    out.push({ name, isDir: e.isDirectory() });
  }
  return out;
}

const join2 = (dir: string, name: string): string => (dir === "" ? name : `${dir}/${name}`);

/** Every file below the directory `dir` (a normalised path or `""`), pushed onto `out`. */
async function collect(root: ConfinedRoot, dir: string, out: string[]): Promise<void> {
  const entries = await entriesOf(root, "list", dir);
  await Promise.all(
    entries.map((e) => {
      const path = join2(dir, e.name);
      if (e.isDir) return collect(root, path, out);
      out.push(path);
      return undefined;
    }),
  );
}

/** UTF-16 code unit order, as the SPEC asks (not `localeCompare`). */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The files whose path starts with `prefix` (already stripped of one leading `/`), sorted. Only
 * the directory part of the prefix is walked. A prefix whose directory part is not a normalised
 * path (`..`, `.`, `//`, NUL) can match no stored path, so nothing is read for it.
 */
export async function listFiles(root: ConfinedRoot, prefix: string): Promise<string[]> {
  const slash = prefix.lastIndexOf("/");
  const dir = slash < 0 ? "" : prefix.slice(0, slash);
  const name = prefix.slice(slash + 1);
  if (prefix.includes("\0")) return [];
  if (slash >= 0) {
    const segments = dir.split("/");
    if (segments.some((s) => s === "" || s === "." || s === "..")) return [];
    // A folder too long for the disk (a name over 255 bytes, a path over PATH_MAX) holds no
    // file: a list prefix is a plain string match, so that is [] rather than an error.
    const found = await root.inspect("list", dir).catch((err: unknown) => {
      if (isStorageError(err, "EINVAL")) return undefined;
      throw err;
    });
    if (found === undefined) return [];
    if (found.kind !== "dir") {
      await root.requireRoot("list", prefix);
      return [];
    }
  }
  const out: string[] = [];
  const entries = (await entriesOf(root, "list", dir)).filter((e) => e.name.startsWith(name));
  await Promise.all(
    entries.map((e) => {
      const path = join2(dir, e.name);
      if (e.isDir) return collect(root, path, out);
      out.push(path);
      return undefined;
    }),
  );
  // Nothing found: make sure that is not because the root itself vanished.
  if (out.length === 0) await root.requireRoot("list", prefix);
  return out.sort(byCodeUnit);
}

// Files copied at once: enough to keep libuv's four threads busy without exhausting descriptors.
const COPY_CONCURRENCY = 8;

/**
 * Copies the directory `src` (a normalised path) into the existing empty directory `dstAbs`:
 * sub-directories first, then regular files, several at a time; never following or copying a
 * link. Checks `signal` before each file; after the first failure no new file starts.
 */
export async function copyTree(
  root: ConfinedRoot,
  op: string,
  src: string,
  dstAbs: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const files: [from: string, to: string][] = [];
  await mirrorDirs(root, op, src, dstAbs, files);
  await eachLimited(files, COPY_CONCURRENCY, async ([from, to]) => {
    signal?.throwIfAborted();
    await copyBytes(root, op, from, to);
  });
}

/** Recreates the folders below `src` under `dstAbs`, collecting the files to copy. */
async function mirrorDirs(
  root: ConfinedRoot,
  op: string,
  src: string,
  dstAbs: string,
  files: [string, string][],
): Promise<void> {
  for (const e of await entriesOf(root, op, src)) {
    const from = join2(src, e.name);
    const to = join(dstAbs, e.name);
    if (e.isDir) {
      await mkdir(to);
      await mirrorDirs(root, op, from, to, files);
    } else files.push([from, to]);
  }
}

/** Runs `fn` over `items`, at most `limit` at once; rejects with the first error. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
