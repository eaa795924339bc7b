import { type FsPath, parentKey } from "./fs-paths.js";
import type { Io, Step } from "./io.js";
import { fsError } from "./node-errors.js";
import type { EntryInfo } from "./stats.js";

/**
 * What a path names, the way a disk resolves it: a file, a directory, nothing (`missing`:
 * ENOENT), or a path that runs through a file (`notdir`: ENOTDIR). A trailing slash after a
 * file's name is `notdir` too.
 */
export type Found =
  | { readonly kind: "file" | "dir"; readonly info: EntryInfo }
  | { readonly kind: "missing" | "notdir" };

/** A path that names something. */
export type Existing = Extract<Found, { kind: "file" | "dir" }>;

/** Resolves what `path` names. */
export function* lookup(io: Io, path: FsPath): Step<Found> {
  // Node does not read "" as the cwd: it names nothing (stat("") is ENOENT).
  if (path.given === "") return { kind: "missing" };
  const info = yield* io.stat(path.key);
  if (info) {
    if (!info.isDir && path.slash) return { kind: "notdir" };
    return { kind: info.isDir ? "dir" : "file", info };
  }
  // Missing: the nearest existing ancestor says whether the path runs through a file.
  for (let key = parentKey(path.key); key !== ""; key = parentKey(key)) {
    const above = yield* io.stat(key);
    if (above) return { kind: above.isDir ? "missing" : "notdir" };
  }
  return { kind: "missing" };
}

/** Throws Node's error unless `path` is a file or directory; returns what it is. */
export function* existing(io: Io, path: FsPath, syscall: string): Step<Existing> {
  const found = yield* lookup(io, path);
  if (found.kind === "file" || found.kind === "dir") return found;
  throw fsError(found.kind === "missing" ? "ENOENT" : "ENOTDIR", syscall, path.given);
}

/**
 * Checks that a new entry can be created at `path` (whose own lookup gave `missing`): its
 * parent must be an existing directory.
 */
export function* checkParent(io: Io, path: FsPath, syscall: string, dest?: FsPath): Step<void> {
  const target = dest ?? path;
  if (target.dot || target.given === "") throw fsError("ENOENT", syscall, path.given, dest?.given);
  const parent = parentKey(target.key);
  if (parent === "" || target.key === "") return;
  const info = yield* io.stat(parent);
  if (!info) throw fsError("ENOENT", syscall, path.given, dest?.given);
  if (!info.isDir) throw fsError("ENOTDIR", syscall, path.given, dest?.given);
}
