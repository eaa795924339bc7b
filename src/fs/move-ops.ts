import { posix } from "node:path";
import { childKey, type FsPath, isInside, parentKey } from "./fs-paths.js";
import { type Io, type Step, step } from "./io.js";
import { checkParent, lookup } from "./lookup.js";
import { eisdirSystemError, type FsError, fsError } from "./node-errors.js";

/** `rename(2)`: files overwrite files; a directory replaces an empty directory. */
export function* rename(io: Io, src: FsPath, dst: FsPath): Step<void> {
  const fail = (code: string) => fsError(code, "rename", src.given, dst.given);
  // rename(2) resolves both parents before it looks for the source itself.
  const from = yield* lookup(io, src);
  if (from.kind === "notdir") throw fail("ENOTDIR");
  if (from.kind === "missing" && !(yield* io.stat(parentKey(src.key)))) throw fail("ENOENT");
  const to = yield* lookup(io, dst);
  if (to.kind === "notdir") throw fail("ENOTDIR");
  if (to.kind === "missing") yield* checkParent(io, src, "rename", dst);
  if (from.kind === "missing") throw fail("ENOENT");
  if (from.kind === "file" && dst.slash) throw fail("ENOTDIR");
  if (src.key === "" || dst.key === "") throw fail("EBUSY");
  if (src.key === dst.key) return;
  // A destination that holds the source is rename(2)'s ENOTEMPTY, before any type check.
  if (isInside(src.key, dst.key)) throw fail("ENOTEMPTY");
  if (from.kind === "dir") {
    if (isInside(dst.key, src.key)) throw fail("EINVAL");
    if (to.kind === "file") throw fail("ENOTDIR");
    if (to.kind === "dir") {
      if ((yield* io.children(dst.key)).length > 0) throw fail("ENOTEMPTY");
      yield* io.rmdir(dst.key, false);
    }
  } else if (to.kind === "dir") {
    throw fail("EISDIR");
  }
  yield* io.move(src.key, dst.key);
}

/**
 * `copyFile`: one file; `exclusive` is `COPYFILE_EXCL`. Checks in libuv's order: the source
 * opens, then the destination (a path below a file is `ENOENT` there), then the copy meets a
 * directory source. libuv then deletes the destination it opened; the facade leaves it alone.
 */
export function* copyFile(io: Io, src: FsPath, dst: FsPath, exclusive: boolean): Step<void> {
  const fail = (code: string) => fsError(code, "copyfile", src.given, dst.given);
  const from = yield* lookup(io, src);
  if (from.kind === "missing") throw fail("ENOENT");
  if (from.kind === "notdir") throw fail("ENOTDIR");
  const to = yield* lookup(io, dst);
  if (to.kind === "notdir") throw fail("ENOTDIR");
  if (to.kind !== "missing" && exclusive) throw fail("EEXIST");
  if (to.kind === "dir" || dst.slash) throw fail("EISDIR");
  if (to.kind === "missing") {
    const parent = yield* io.stat(parentKey(dst.key));
    if (!parent?.isDir) throw fail("ENOENT");
  }
  if (from.kind === "dir") throw fail("EISDIR");
  if (src.key !== dst.key) yield* io.copy(src.key, dst.key);
}

/** Options of `cp` the facade honours. */
export interface CpOptions {
  recursive?: boolean;
  force?: boolean;
  errorOnExist?: boolean;
  /** Copies only what it accepts: called with both paths (joined as given), may be async. */
  filter?: (src: string, dest: string) => boolean | Promise<boolean>;
}

/** `cp`: a file, or a directory merged into `dst` with `recursive`; parents of `dst` are made. */
export function* cp(io: Io, src: FsPath, dst: FsPath, options: CpOptions): Step<void> {
  const from = yield* lookup(io, src);
  if (from.kind !== "file" && from.kind !== "dir") {
    throw fsError(from.kind === "missing" ? "ENOENT" : "ENOTDIR", "lstat", src.given);
  }
  // Node's order: both paths resolve, then same path, kind mismatch, self-copy, then the parents of the
  // destination are made, then a directory without `recursive` fails.
  const to = yield* lookup(io, dst);
  if (to.kind === "notdir") throw fsError("ENOTDIR", "lstat", dst.given);
  if (src.key === dst.key)
    throw cpError("ERR_FS_CP_EINVAL", "src and dest cannot be the same", dst.given);
  if (from.kind === "dir" && to.kind === "file") {
    const detail = `cannot overwrite non-directory ${dst.given} with directory ${src.given}`;
    throw cpError("ERR_FS_CP_DIR_TO_NON_DIR", detail, dst.given);
  }
  if (from.kind === "file" && to.kind === "dir") {
    const detail = `cannot overwrite directory ${dst.given} with non-directory ${src.given}`;
    throw cpError("ERR_FS_CP_NON_DIR_TO_DIR", detail, dst.given);
  }
  if (isInside(dst.key, src.key)) {
    const detail = `cannot copy ${src.given} to a subdirectory of self ${dst.given}`;
    throw cpError("ERR_FS_CP_EINVAL", detail, dst.given);
  }
  if (!(yield* accepts(options, src.given, dst.given))) return;
  // Node makes the destination's parents before it looks at what it copies.
  const parent = parentKey(dst.key);
  if (parent !== "" && !(yield* io.stat(parent))) yield* io.mkdir(parent);
  if (from.kind === "dir" && !options.recursive) {
    throw eisdirSystemError("cp", src.given, `${src.given} is a directory (not copied)`);
  }
  if (from.kind === "file" && to.kind === "missing" && dst.slash) {
    throw fsError("EISDIR", "copyfile", src.given, dst.given);
  }
  yield* copyEntry(io, src.key, dst.key, from.kind === "dir", options, src.given, dst.given);
}

function* copyEntry(
  io: Io,
  src: string,
  dst: string,
  isDir: boolean,
  options: CpOptions,
  srcGiven: string,
  dstGiven: string,
): Step<void> {
  const there = yield* io.stat(dst);
  if (!isDir) {
    if (there?.isDir) {
      const detail = `cannot overwrite directory ${dstGiven} with non-directory ${srcGiven}`;
      throw cpError("ERR_FS_CP_NON_DIR_TO_DIR", detail, dstGiven);
    }
    if (there && options.force === false) {
      if (options.errorOnExist)
        throw cpError("ERR_FS_CP_EEXIST", `${dstGiven} already exists`, dstGiven);
      return;
    }
    return yield* io.copy(src, dst);
  }
  if (there && !there.isDir) {
    const detail = `cannot overwrite non-directory ${dstGiven} with directory ${srcGiven}`;
    throw cpError("ERR_FS_CP_DIR_TO_NON_DIR", detail, dstGiven);
  }
  if (!there) yield* io.mkdir(dst);
  for (const child of yield* io.children(src)) {
    const s = childKey(src, child.name);
    const d = childKey(dst, child.name);
    const [sGiven, dGiven] = [posix.join(srcGiven, child.name), posix.join(dstGiven, child.name)];
    if (!(yield* accepts(options, sGiven, dGiven))) continue;
    yield* copyEntry(io, s, d, child.isDir, options, sGiven, dGiven);
  }
}

/** `cp`'s `filter`, asked as Node asks it (awaited in the async forms). */
function* accepts(options: CpOptions, src: string, dest: string): Step<boolean> {
  if (typeof options.filter !== "function") return true;
  return Boolean(yield* step(options.filter(src, dest)));
}

const CP_ERRORS: Record<string, [title: string, errno: number, name: string]> = {
  ERR_FS_CP_EINVAL: ["Invalid src or dest", 22, "EINVAL"],
  ERR_FS_CP_EEXIST: ["Target already exists", 17, "EEXIST"],
  ERR_FS_CP_DIR_TO_NON_DIR: ["Cannot overwrite non-directory with directory", 21, "EISDIR"],
  ERR_FS_CP_NON_DIR_TO_DIR: ["Cannot overwrite directory with non-directory", 20, "ENOTDIR"],
};

/** Node's `SystemError`s of `cp`: `Invalid src or dest: cp returned EINVAL (…) path`. */
function cpError(code: string, detail: string, path: string): FsError {
  const [title, errno, name] = CP_ERRORS[code] ?? ["cp failed", 5, "EIO"];
  const err = new Error(`${title}: cp returned ${name} (${detail}) ${path}`) as FsError;
  err.name = "SystemError";
  err.code = code;
  err.errno = errno;
  err.syscall = "cp";
  err.path = path;
  return err;
}
