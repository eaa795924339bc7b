import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import { invalidArg } from "./node-errors.js";

/** A path as `node:fs` accepts it. @public */
export type PathLike = string | Buffer | URL;

/** A path the facade works with: as the caller spelled it, and as a backend key. */
export interface FsPath {
  /** As given, for error messages (Node reports the path as passed). */
  readonly given: string;
  /** The backend key: absolute path without its leading `/`; `""` is the root. */
  readonly key: string;
  /** The path names a directory (`a/`, `a/.`), as a disk reads a trailing slash. */
  readonly slash: boolean;
  /** It ends in `/.`: the directory must exist already, so nothing can be created there. */
  readonly dot: boolean;
  /** The directory it was resolved against. */
  readonly cwd: string;
}

/** The string form of a path argument, checked as Node checks it. */
export function pathString(name: string, path: unknown): string {
  let s: string;
  if (typeof path === "string") s = path;
  else if (Buffer.isBuffer(path)) s = path.toString("utf8");
  else if (path instanceof URL || (typeof path === "object" && path !== null && "href" in path)) {
    s = fileURLToPath(path as URL);
  } else {
    throw invalidArg(
      "ERR_INVALID_ARG_TYPE",
      `The "${name}" argument must be of type string or an instance of Buffer or URL. Received ${describe(path)}`,
    );
  }
  if (s.includes("\0")) {
    throw invalidArg(
      "ERR_INVALID_ARG_VALUE",
      `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${JSON.stringify(s)}`,
    );
  }
  return s;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return `an instance of ${value.constructor?.name ?? "Object"}`;
  return `type ${typeof value} (${String(value)})`;
}

/**
 * Resolves a path against `cwd`. `..` is resolved by name and stops at the root, as it does
 * at `/` on a disk, so no spelling reaches outside the backend.
 */
export function resolveFsPath(cwd: string, path: unknown, name = "path"): FsPath {
  const given = pathString(name, path);
  const absolute = posix.resolve(cwd, given);
  const dot = /(^|\/)\.\/*$/.test(given) && given.length > 1;
  return { given, key: absolute.slice(1), slash: dot || /.\/$/.test(given), dot, cwd };
}

/** The absolute facade path of a backend key. */
export function absoluteOf(key: string): string {
  return `/${key}`;
}

/** The parent key (`""` for top-level names and for the root). */
export function parentKey(key: string): string {
  const slash = key.lastIndexOf("/");
  return slash < 0 ? "" : key.slice(0, slash);
}

/** Joins a directory key and a child name. */
export function childKey(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

/** True when `key` is `dir` or below it. */
export function isInside(key: string, dir: string): boolean {
  return dir === "" || key === dir || key.startsWith(`${dir}/`);
}
