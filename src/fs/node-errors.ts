import { getSystemErrorMap } from "node:util";

/**
 * Errors shaped like the ones `node:fs` throws: `code`, negative `errno`, `syscall`, `path`
 * (as the caller gave it), `dest` for two-path calls, and Node's message
 * (`ENOENT: no such file or directory, open 'data/a.txt'`).
 */

/** An error as `node:fs` throws it. @public */
export interface FsError extends Error {
  /** The POSIX code: `ENOENT`, `EISDIR` … */
  code: string;
  /** libuv's number for the code, negative as in Node. */
  errno: number;
  /** The `node:fs` call that failed, as Node names it: `open`, `scandir` … */
  syscall: string;
  /** The path as the caller gave it. */
  path?: string;
  /** The second path of a two-path call (`rename`, `copyFile` …). */
  dest?: string;
}

// libuv's numbers and descriptions, as this Node reports them (errno is negative, as in Node).
const byName = new Map<string, { errno: number; description: string }>();
for (const [errno, [name, description]] of getSystemErrorMap()) {
  byName.set(name, { errno, description });
}

/** Codes an error from a backend or a fault may carry straight through to the caller. */
const POSIX = /^E[A-Z0-9]+$/;

/**
 * A `node:fs`-style error.
 * @param code - `ENOENT`, `EISDIR` …
 * @param syscall - `open`, `stat`, `scandir` …
 * @param path - the path as the caller gave it (omitted, as Node does for `read`)
 * @param dest - the second path of `rename`, `copyfile`, `link`
 * @param cause - the backend error behind it
 */
export function fsError(
  code: string,
  syscall: string,
  path?: string,
  dest?: string,
  cause?: unknown,
): FsError {
  const known = byName.get(code);
  const where =
    path === undefined ? "" : dest === undefined ? ` '${path}'` : ` '${path}' -> '${dest}'`;
  const message = `${code}: ${known?.description ?? "unknown error"}, ${syscall}${where}`;
  const err = new Error(message, cause === undefined ? undefined : { cause }) as FsError;
  err.errno = known?.errno ?? -5;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  return err;
}

/**
 * What a disk would have said for an error from the backend: its own POSIX code when it has
 * one (an injected `PermissionDeniedError` is `EACCES`, the quota `ENOSPC`), `EIO` for anything
 * else (a plain injected `Error`, a closed backend).
 */
export function toFsError(err: unknown, syscall: string, path?: string, dest?: string): FsError {
  const code = (err as { code?: unknown } | null)?.code;
  const posix = typeof code === "string" && POSIX.test(code) && byName.has(code) ? code : "EIO";
  return fsError(posix, syscall, path, dest, err);
}

/** True for an error this module made (so it is not wrapped twice). */
export function isFsError(err: unknown): err is FsError {
  return err instanceof Error && typeof (err as FsError).syscall === "string";
}

/** Node's `ERR_FS_EISDIR` of `rm` and `cp` on a directory without `recursive`. */
export function eisdirSystemError(syscall: "rm" | "cp", path: string, detail: string): FsError {
  const err = new Error(
    `Path is a directory: ${syscall} returned EISDIR (${detail}) ${path}`,
  ) as FsError;
  err.name = "SystemError";
  err.code = "ERR_FS_EISDIR";
  err.errno = 21;
  err.syscall = syscall;
  err.path = path;
  return err;
}

/** Node's `ERR_INVALID_ARG_TYPE` / `ERR_INVALID_ARG_VALUE`, thrown for bad arguments. */
export function invalidArg(
  code: "ERR_INVALID_ARG_TYPE" | "ERR_INVALID_ARG_VALUE",
  message: string,
): TypeError {
  const err = new TypeError(message) as TypeError & { code: string };
  err.code = code;
  return err;
}

/**
 * Node's `signal` option of `readFile`/`writeFile`/`appendFile`: refuses what is not an
 * AbortSignal and throws Node's AbortError once it is aborted.
 */
export function throwIfAborted(options: unknown): void {
  if (typeof options !== "object" || options === null || !("signal" in options)) return;
  const signal = (options as { signal?: unknown }).signal;
  if (signal === undefined) return;
  if (!(signal instanceof AbortSignal)) {
    throw invalidArg(
      "ERR_INVALID_ARG_TYPE",
      `The "options.signal" property must be an instance of AbortSignal. Received ${typeof signal}`,
    );
  }
  if (!signal.aborted) return;
  const err = new Error("The operation was aborted", { cause: signal.reason });
  throw Object.assign(err, { name: "AbortError", code: "ABORT_ERR" });
}
