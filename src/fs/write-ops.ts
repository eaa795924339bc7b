import { posix } from "node:path";
import type { FsPath } from "./fs-paths.js";
import type { Io, Step } from "./io.js";
import { checkParent, existing, lookup } from "./lookup.js";
import { eisdirSystemError, fsError } from "./node-errors.js";

/** How `writeFile`/`appendFile`/`open` treat what is there, from their `flag`. */
export interface OpenMode {
  readonly read: boolean;
  readonly write: boolean;
  readonly create: boolean;
  readonly truncate: boolean;
  readonly append: boolean;
  readonly exclusive: boolean;
}

const FLAGS: Record<string, Omit<OpenMode, "exclusive">> = {
  r: { read: true, write: false, create: false, truncate: false, append: false },
  "r+": { read: true, write: true, create: false, truncate: false, append: false },
  rs: { read: true, write: false, create: false, truncate: false, append: false },
  "rs+": { read: true, write: true, create: false, truncate: false, append: false },
  w: { read: false, write: true, create: true, truncate: true, append: false },
  "w+": { read: true, write: true, create: true, truncate: true, append: false },
  a: { read: false, write: true, create: true, truncate: false, append: true },
  "a+": { read: true, write: true, create: true, truncate: false, append: true },
  as: { read: false, write: true, create: true, truncate: false, append: true },
  "as+": { read: true, write: true, create: true, truncate: false, append: true },
};

/** Parses a string flag (`"r"`, `"wx"`, `"a+"` …) as Node does. */
export function openMode(flag: unknown, fallback: string): OpenMode {
  const text = flag === undefined ? fallback : flag;
  if (typeof text !== "string") {
    throw Object.assign(
      new TypeError(
        `omnistorage-ts/fs: numeric open flags are not supported (got ${String(flag)})`,
      ),
      {
        code: "ERR_INVALID_ARG_VALUE",
      },
    );
  }
  const exclusive = text.includes("x");
  const mode = FLAGS[text.replace("x", "")];
  if (!mode || (exclusive && !mode.create)) {
    throw Object.assign(new TypeError(`The value "${text}" is invalid for option "flags"`), {
      code: "ERR_INVALID_ARG_VALUE",
    });
  }
  return { ...mode, exclusive };
}

/**
 * Checks that `path` can be opened with `mode`, as `open(2)` would.
 * @returns the current content when the mode keeps it, else an empty array
 */
export function* openFile(io: Io, path: FsPath, mode: OpenMode): Step<Uint8Array> {
  if (path.slash && !path.dot && mode.create) yield* refuseSlash(io, path);
  const found = yield* lookup(io, path);
  if (found.kind === "notdir") throw fsError("ENOTDIR", "open", path.given);
  if (found.kind === "dir") {
    if (mode.exclusive) throw fsError("EEXIST", "open", path.given);
    if (mode.write) throw fsError("EISDIR", "open", path.given);
    return new Uint8Array(0);
  }
  if (found.kind === "missing") {
    if (!mode.create) throw fsError("ENOENT", "open", path.given);
    yield* checkParent(io, path, "open");
    if (path.slash) throw fsError("EISDIR", "open", path.given);
    return new Uint8Array(0);
  }
  if (mode.exclusive) throw fsError("EEXIST", "open", path.given);
  if (mode.truncate) return new Uint8Array(0);
  return yield* io.read(path.key);
}

/**
 * Creating through a trailing slash (`open("x/", O_CREAT)`) is `EISDIR` whatever is there,
 * once the parents resolve.
 */
function* refuseSlash(io: Io, path: FsPath): Step<never> {
  const found = yield* lookup(io, { ...path, slash: false });
  if (found.kind === "notdir") throw fsError("ENOTDIR", "open", path.given);
  if (found.kind === "missing") yield* checkParent(io, path, "open");
  throw fsError("EISDIR", "open", path.given);
}

/** `writeFile` / `appendFile`: `data` replaces or extends the file. */
export function* writeBytes(io: Io, path: FsPath, data: Uint8Array, mode: OpenMode): Step<void> {
  const before = yield* openFile(io, path, mode);
  yield* io.write(path.key, mode.append ? concat(before, data) : data);
}

/** Two byte arrays as one. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `mkdir`: one level, or `mkdir -p` returning the first directory it created. */
export function* mkdir(io: Io, path: FsPath, recursive: boolean): Step<string | undefined> {
  // A file spelled `f/` is still something that exists to mkdir(2), but not to mkdir -p or
  // through `f/.`: EEXIST for the one, ENOTDIR for the others, as the disk says.
  const found = yield* lookup(io, { ...path, slash: false, dot: false });
  if (found.kind === "notdir") throw fsError("ENOTDIR", "mkdir", path.given);
  if (found.kind === "file" && path.slash && (recursive || path.dot)) {
    throw fsError("ENOTDIR", "mkdir", path.given);
  }
  if (found.kind !== "missing") {
    if (recursive && found.kind === "dir") return undefined;
    throw fsError("EEXIST", "mkdir", path.given);
  }
  if (!recursive || path.given === "") {
    yield* checkParent(io, path, "mkdir");
    yield* io.mkdir(path.key);
    return undefined;
  }
  // Node names the first directory made by walking up the path as given until the parent
  // exists (so `m/.` counts as two levels, as it does for Node).
  let first = path.given;
  for (;;) {
    const parent = posix.dirname(first);
    if (parent === first || (yield* io.stat(posix.resolve(path.cwd, parent).slice(1)))) break;
    first = parent;
  }
  yield* io.mkdir(path.key);
  return first;
}

/** `unlink`: a file only. */
export function* unlink(io: Io, path: FsPath): Step<void> {
  const found = yield* existing(io, path, "unlink");
  if (found.kind === "dir") throw fsError("EISDIR", "unlink", path.given);
  yield* io.delete(path.key);
}

/** `rmdir`: an empty directory (or a whole tree with the deprecated `recursive`). */
export function* rmdir(io: Io, path: FsPath, recursive: boolean): Step<void> {
  const found = yield* existing(io, path, "rmdir");
  if (found.kind === "file") throw fsError("ENOTDIR", "rmdir", path.given);
  if (path.key === "") throw fsError("EBUSY", "rmdir", path.given);
  // rmdir("d/.") is refused by the kernel: `.` cannot be removed.
  if (path.dot) throw fsError("EINVAL", "rmdir", path.given);
  if (!recursive && (yield* io.children(path.key)).length > 0) {
    throw fsError("ENOTEMPTY", "rmdir", path.given);
  }
  yield* io.rmdir(path.key, recursive);
}

/** `rm`: files, and directories with `recursive`; `force` ignores a missing path. */
export function* rm(io: Io, path: FsPath, recursive: boolean, force: boolean): Step<void> {
  const found = yield* lookup(io, path);
  if (found.kind === "missing") {
    if (force) return;
    throw fsError("ENOENT", "lstat", path.given);
  }
  if (found.kind === "notdir") throw fsError("ENOTDIR", "lstat", path.given);
  if (found.kind === "file") return yield* io.delete(path.key);
  if (!recursive) throw eisdirSystemError("rm", path.given, "is a directory");
  // `d/.` cannot be removed; Node checks before it touches anything below.
  if (path.dot) throw fsError("EINVAL", "rmdir", path.given);
  if (path.key !== "") return yield* io.rmdir(path.key, true);
  // The root itself stays, as a mount point would; everything in it goes.
  for (const child of yield* io.children("")) {
    if (child.isDir) yield* io.rmdir(child.name, true);
    else yield* io.delete(child.name);
  }
}
