import { InvalidPathError } from "./errors.js";

// Anything that needs more than a pass-through (once one leading `/` is gone): another leading,
// a trailing or a doubled slash, a `.` or `..` segment, or NUL. Most real paths skip the
// split-and-join below entirely.
const NEEDS_WORK = /^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)|\0/;

/**
 * Normalises a path the way every operation does: one leading `/` dropped, `//` collapsed,
 * `.` segments dropped, a trailing `/` dropped. Rejects the empty path, `..` segments, NUL and
 * strings that are not well-formed Unicode (a lone surrogate) with {@link InvalidPathError}. Keys are otherwise exact: no Unicode normalisation, no case
 * folding, backslashes are ordinary characters.
 *
 * @param op - the operation, named in the error
 * @param path - the path as the caller gave it
 * @returns the normalised path, never empty
 * @public
 */
export function normalizePath(op: string, path: string): string {
  if (typeof path !== "string") {
    throw new InvalidPathError(op, String(path), {
      message: `${op}: path must be a string, got ${path === null ? "null" : typeof path}`,
    });
  }
  if (!isWellFormed(path)) {
    throw new InvalidPathError(op, path, {
      message: `${op} ${JSON.stringify(path)}: path is not well-formed Unicode (a lone surrogate cannot be a file name on disk or a key in S3)`,
    });
  }
  // The spelling users write most, `/a/b.txt`, is the plain path plus the one leading `/` the
  // contract drops: strip it before the check, so it takes the fast path too. Built as a
  // concatenation, not `path.slice(1)`: V8 keeps a slice of 13+ characters as a view into the
  // original, and compares such views on a slow path, while a concatenation is flattened into
  // a plain string on first use, and the store compares a path ~17 times per B+tree lookup
  // (bench W4 measures both spellings side by side).
  const rest = path.charCodeAt(0) === 47 ? path.charAt(1) + path.slice(2) : path;
  if (!NEEDS_WORK.test(rest)) {
    if (rest !== "") return rest;
    if (path === "") throw new InvalidPathError(op, path, { message: `${op}: empty path` });
  }
  if (path.includes("\0")) {
    throw new InvalidPathError(op, path, {
      message: `${op} ${JSON.stringify(path)}: path contains a NUL character`,
    });
  }
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      throw new InvalidPathError(op, path, {
        message: `${op} ${JSON.stringify(path)}: ".." segments are not allowed`,
      });
    }
    out.push(segment);
  }
  if (out.length === 0) {
    throw new InvalidPathError(op, path, {
      message: `${op} ${JSON.stringify(path)}: path is empty after normalisation`,
    });
  }
  return out.join("/");
}

// `String.prototype.isWellFormed` (Node 20+) scans in native code; with the `u` flag a
// surrogate class matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const nativeIsWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/**
 * True when `text` holds no lone surrogate, so it has a UTF-8 form (a name on disk, a key in
 * S3) that reads back as the same string. The one place the rule lives.
 * @param text - any string
 */
export function isWellFormed(text: string): boolean {
  return nativeIsWellFormed ? nativeIsWellFormed.call(text) : !LONE_SURROGATE.test(text);
}

/**
 * Normalises a `list` prefix: one leading `/` is dropped and nothing else, so a trailing `/`
 * keeps `list("data/")` from matching `database.txt`.
 *
 * @param prefix - the prefix as given (default `""`, everything)
 * @returns the prefix to match stored paths against
 * @public
 */
export function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return "";
  if (typeof prefix !== "string") {
    throw new InvalidPathError("list", String(prefix), {
      message: `list: prefix must be a string, got ${prefix === null ? "null" : typeof prefix}`,
    });
  }
  return prefix.charCodeAt(0) === 47 ? prefix.slice(1) : prefix;
}

/**
 * The parent directory of a normalised path, `""` for a top-level name.
 * @param path - a normalised path
 * @public
 */
export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/**
 * The last segment of a normalised path.
 * @param path - a normalised path
 * @public
 */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * Every proper ancestor of a normalised path, outermost first (`a/b/c` → `a`, `a/b`).
 * @param path - a normalised path
 * @public
 */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) out.push(path.slice(0, i));
  return out;
}

/**
 * True when `path` is `dir` itself or lies below it.
 * @param path - a normalised path
 * @param dir - a normalised directory path
 * @public
 */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || (path.startsWith(dir) && path.charCodeAt(dir.length) === 47);
}
