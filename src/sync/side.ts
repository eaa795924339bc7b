import { normalizePath } from "../core/paths.js";
import { type Backend, type ExtendedBackend, isExtended } from "../core/types.js";

/** What a scan learned about one file; absent fields are unknown (no `stat` on that side). */
export interface FileMeta {
  readonly size?: number;
  /** Milliseconds since the epoch. */
  readonly modTime?: number;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** One side of a sync: a backend and a folder in it. */
export interface Side {
  readonly backend: Backend;
  /** The extended view of the backend, when it has one. */
  readonly extended: ExtendedBackend | undefined;
  /** The normalised folder, `""` for the whole backend. */
  readonly folder: string;
}

/**
 * Describes one side; the folder is normalised like any path, `""`, `"/"` and `"."` meaning
 * the whole backend.
 * @param op - the operation, named in errors
 * @param backend - the backend
 * @param folder - the folder as the caller gave it
 */
export function sideOf(op: string, backend: Backend, folder: string): Side {
  if (backend === null || typeof backend !== "object" || typeof backend.list !== "function") {
    throw new TypeError(
      `${op}: expected a Backend, got ${backend === null ? "null" : typeof backend}`,
    );
  }
  return {
    backend,
    extended: isExtended(backend) ? backend : undefined,
    folder: isWholeBackend(folder) ? "" : normalizePath(op, folder),
  };
}

/** `""`, `"/"`, `"."`, `"./"` … : nothing but slashes and `.` segments. */
function isWholeBackend(folder: string): boolean {
  return typeof folder === "string" && folder.split("/").every((s) => s === "" || s === ".");
}

/**
 * The backend path of a file given relative to the side's folder.
 * @param side - the side
 * @param relativePath - a path relative to the folder
 */
export function fullPath(side: Side, relativePath: string): string {
  return side.folder === "" ? relativePath : `${side.folder}/${relativePath}`;
}
