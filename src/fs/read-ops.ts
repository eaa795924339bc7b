import { childKey, type FsPath } from "./fs-paths.js";
import type { Io, Step } from "./io.js";
import { existing, lookup } from "./lookup.js";
import { fsError } from "./node-errors.js";
import { Dirent, Stats } from "./stats.js";

/** `readFile`: a file's bytes. */
export function* readBytes(io: Io, path: FsPath): Step<Uint8Array> {
  const found = yield* existing(io, path, "open");
  // Node opens a directory fine and fails at the read, naming no path.
  if (found.kind === "dir") throw fsError("EISDIR", "read");
  return yield* io.read(path.key);
}

/** `stat` / `lstat` (no links, so both the same); `undefined` for a missing path when allowed. */
export function* statOf(
  io: Io,
  path: FsPath,
  syscall: "stat" | "lstat",
  throwIfNoEntry = true,
): Step<Stats | undefined> {
  const found = yield* lookup(io, path);
  if (found.kind === "file" || found.kind === "dir") return new Stats(found.info);
  // As in Node, `throwIfNoEntry: false` covers ENOENT only.
  if (found.kind === "missing" && !throwIfNoEntry) return undefined;
  throw fsError(found.kind === "missing" ? "ENOENT" : "ENOTDIR", syscall, path.given);
}

/** `access`: the path exists (backends have no permissions to check). */
export function* access(io: Io, path: FsPath): Step<void> {
  yield* existing(io, path, "access");
}

/** `exists`: a file or directory is there. */
export function* exists(io: Io, path: FsPath): Step<boolean> {
  const found = yield* lookup(io, path);
  return found.kind === "file" || found.kind === "dir";
}

/** Options of `readdir` the facade honours. */
export interface ReaddirOptions {
  withFileTypes?: boolean;
  recursive?: boolean;
}

/**
 * `readdir`: names in code-unit order; with `recursive`, each directory's entries follow the
 * entries of the level above, as Node lists them, with paths relative to `path`.
 */
export function* readdir(io: Io, path: FsPath, options: ReaddirOptions): Step<string[] | Dirent[]> {
  const found = yield* existing(io, path, "scandir");
  if (found.kind === "file") throw fsError("ENOTDIR", "scandir", path.given);
  const names: string[] = [];
  const dirents: Dirent[] = [];
  const queue: string[] = [""];
  for (let i = 0; i < queue.length; i++) {
    const relative = queue[i] as string;
    const children = yield* io.children(childKey(path.key, relative).replace(/\/$/, ""));
    for (const child of children) {
      const name = relative === "" ? child.name : `${relative}/${child.name}`;
      names.push(name);
      const parent = relative === "" ? path.given : `${path.given.replace(/\/+$/, "")}/${relative}`;
      dirents.push(new Dirent(child.name, parent, child.isDir));
      if (options.recursive && child.isDir) queue.push(name);
    }
  }
  return options.withFileTypes ? dirents : names;
}
