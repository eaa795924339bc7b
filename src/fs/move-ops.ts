import { childKey, type FsPath, isInside, parentKey } from "./fs-paths.js";
import type { Io, Step } from "./io.js";
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
  if (src.key === "" || dst.key === "") throw fail("EBUSY");
  if (src.key === dst.key) return;
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
  if (to.kind === "dir") throw fail("EISDIR");
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
}

/** `cp`: a file, or a directory merged into `dst` with `recursive`; parents of `dst` are made. */
export function* cp(io: Io, src: FsPath, dst: FsPath, options: CpOptions): Step<void> {
  const from = yield* lookup(io, src);
  if (from.kind !== "file" && from.kind !== "dir") {
    throw fsError(from.kind === "missing" ? "ENOENT" : "ENOTDIR", "lstat", src.given);
  }
  if (from.kind === "dir" && !options.recursive) {
    throw eisdirSystemError("cp", src.given, `${src.given} is a directory (not copied)`);
  }
  if (isInside(dst.key, src.key)) {
    throw cpError(
      "ERR_FS_CP_EINVAL",
      `cannot copy ${src.given} to a subdirectory of self ${dst.given}`,
    );
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
      throw cpError(
        "ERR_FS_CP_NON_DIR_TO_DIR",
        `cannot overwrite directory ${dstGiven} with non-directory ${srcGiven}`,
      );
    }
    if (there && options.force === false) {
      if (options.errorOnExist) throw cpError("ERR_FS_CP_EEXIST", `${dstGiven} already exists`);
      return;
    }
    return yield* io.copy(src, dst);
  }
  if (there && !there.isDir) {
    throw cpError(
      "ERR_FS_CP_DIR_TO_NON_DIR",
      `cannot overwrite non-directory ${dstGiven} with directory ${srcGiven}`,
    );
  }
  if (!there) yield* io.mkdir(dst);
  for (const child of yield* io.children(src)) {
    const s = childKey(src, child.name);
    const d = childKey(dst, child.name);
    yield* copyEntry(io, s, d, child.isDir, options, `/${s}`, `/${d}`);
  }
}

function cpError(code: string, detail: string): FsError {
  const err = new Error(`${detail}`) as FsError;
  err.name = "SystemError";
  err.code = code;
  err.errno = code === "ERR_FS_CP_EINVAL" ? 22 : 17;
  err.syscall = "cp";
  return err;
}
