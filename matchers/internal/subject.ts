import { isNotFound } from "../../src/core/errors.js";
import { readFile } from "../../src/core/helpers.js";
import { type Backend, isExtended, type ObjectInfo } from "../../src/core/types.js";
import type { MaybePromise } from "./drive.js";

/**
 * A backend the matchers can inspect synchronously: `MemoryBackend` (recognised by shape, not
 * by `instanceof`, so the ESM and CommonJS copies of the package and Jest's vm realms agree).
 * @public
 */
export interface SyncBackend {
  /** The bytes of a file; throws `NotFoundError` when there is none. */
  readSync(path: string): Uint8Array;
  /** True for a file or a directory. */
  existsSync(path: string): boolean;
  /** Every file under the prefix, sorted. */
  listSync(prefix?: string): string[];
  /** The file's or directory's info; throws `NotFoundError` when missing. */
  statSync(path: string): ObjectInfo;
}

/** What a path holds. */
export type PathKind = "file" | "directory" | "missing";

/**
 * The questions a matcher asks of a backend. A MemoryBackend answers at once; any other
 * backend answers with Promises.
 */
export interface Inspector {
  /** Whether answers come synchronously. */
  readonly sync: boolean;
  /** What `path` (normalised) is. */
  kind(path: string): MaybePromise<PathKind>;
  /** The bytes of a file known to exist. */
  read(path: string): MaybePromise<Uint8Array>;
  /** Every file, sorted. */
  list(prefix?: string): MaybePromise<string[]>;
}

/**
 * True for a backend with the synchronous readers of `MemoryBackend`.
 * @param value - anything
 */
export function isSyncBackend(value: unknown): value is SyncBackend {
  if (typeof value !== "object" || value === null) return false;
  const b = value as Partial<Record<keyof SyncBackend, unknown>>;
  return (
    typeof b.readSync === "function" &&
    typeof b.existsSync === "function" &&
    typeof b.listSync === "function" &&
    typeof b.statSync === "function"
  );
}

/**
 * True for anything shaped like a {@link Backend}.
 * @param value - anything
 */
export function isBackend(value: unknown): value is Backend {
  if (typeof value !== "object" || value === null) return false;
  const b = value as Partial<Record<keyof Backend, unknown>>;
  return (
    typeof b.newReader === "function" &&
    typeof b.exists === "function" &&
    typeof b.list === "function"
  );
}

/**
 * The backend behind a matcher's subject: a backend itself, or the `useMemoryBackend()` handle
 * (or anything else holding one in `.current`). `undefined` when it is neither.
 * @param value - what was passed to `expect()` (or to `toMatchBackend`)
 */
export function backendOf(value: unknown): SyncBackend | Backend | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  // The handle forwards every MemoryBackend member too, but only `.current` is the instance
  // itself; reading it outside a test throws the fixture's own explanation, which we let through.
  if ("current" in value) {
    const current: unknown = (value as { current: unknown }).current;
    if (isSyncBackend(current) || isBackend(current)) return current;
  }
  if (isSyncBackend(value) || isBackend(value)) return value;
  return undefined;
}

/**
 * An {@link Inspector} over a backend, synchronous for a MemoryBackend.
 * @param backend - from {@link backendOf}
 */
export function inspectorOf(backend: SyncBackend | Backend): Inspector {
  return isSyncBackend(backend) ? syncInspector(backend) : asyncInspector(backend);
}

function syncInspector(backend: SyncBackend): Inspector {
  return {
    sync: true,
    kind(path) {
      if (!backend.existsSync(path)) return "missing";
      return backend.statSync(path).isDir ? "directory" : "file";
    },
    read: (path) => backend.readSync(path),
    list: (prefix) => backend.listSync(prefix ?? ""),
  };
}

function asyncInspector(backend: Backend): Inspector {
  return {
    sync: false,
    async kind(path) {
      if (isExtended(backend) && backend.features().stat) {
        try {
          return (await backend.stat(path)).isDir ? "directory" : "file";
        } catch (err) {
          if (isNotFound(err)) return "missing";
          throw err;
        }
      }
      // Without stat: a file is listed under its own path; anything else that exists is a
      // folder, and so is a prefix with files below it (object stores have no real folders).
      if (await backend.exists(path)) {
        return (await backend.list(path)).includes(path) ? "file" : "directory";
      }
      return (await backend.list(`${path}/`)).length > 0 ? "directory" : "missing";
    },
    read: (path) => readFile(backend, path),
    list: (prefix) => backend.list(prefix ?? ""),
  };
}
