import {
  isADirectory,
  isNotADirectory,
  isNotEmpty,
  isNotFound,
  NotSupportedError,
} from "../core/errors.js";
import { readFile, writeFile } from "../core/helpers.js";
import { isWithin, normalizePath, parentOf } from "../core/paths.js";
import { type Backend, type ExtendedBackend, isExtended } from "../core/types.js";
import { byCodeUnit, depthOfKey, keyOfPath, pathOfKey, prefixOfBase } from "./keys.js";

/** Options of {@link omnistorageDriver}. @public */
export interface OmnistorageDriverOptions {
  /** Where the items live: any backend (a `MemoryBackend`, a `useMemoryBackend()` handle …). */
  backend: Backend;
  /** A folder of the backend to keep the items in (default: the whole backend). */
  base?: string;
  /**
   * Close the backend when unstorage disposes the driver (`storage.dispose()`, `unmount`).
   * Default `false`: whoever made the backend closes it (the test fixtures do).
   */
  closeOnDispose?: boolean;
}

/**
 * What {@link OmnistorageDriver.getMeta} gives for an item. A type literal, not an interface,
 * so it stays assignable to unstorage's index-signature `StorageMeta`.
 * @public
 */
export type OmnistorageItemMeta = {
  /** The file's modification time. */
  mtime?: Date;
  /** The file's size in bytes. */
  size?: number;
};

/**
 * An unstorage driver, typed structurally so this entry needs no import of unstorage: it fits
 * `createStorage({ driver })` and `storage.mount(base, driver)`.
 * @public
 */
export interface OmnistorageDriver {
  /** The driver's name, as unstorage reports it. */
  readonly name: "omnistorage";
  /** Tells unstorage that `getKeys` honours `maxDepth` itself. */
  readonly flags: {
    /** `getKeys` filters by depth, so unstorage need not. */
    readonly maxDepth: true;
  };
  /** The options the driver was made with. */
  readonly options: OmnistorageDriverOptions;
  /** The backend, for tests that inspect it. */
  getInstance(): Backend;
  /** True when `key` is a file (a folder of other keys is not an item). */
  hasItem(key: string, opts?: unknown): Promise<boolean>;
  /** The item's bytes as UTF-8 text, or `null` when there is none. */
  getItem(key: string, opts?: unknown): Promise<string | null>;
  /** The item's bytes (a Node `Buffer`), or `null` when there is none. */
  getItemRaw(key: string, opts?: unknown): Promise<Uint8Array | null>;
  /** Writes `value` as the item's text, replacing what was there. */
  setItem(key: string, value: string, opts?: unknown): Promise<void>;
  /** Writes a string, a Uint8Array (any typed array view) or an ArrayBuffer as the item. */
  setItemRaw(key: string, value: unknown, opts?: unknown): Promise<void>;
  /** Deletes the item, and folders it leaves empty up to `base`; a missing item is no error. */
  removeItem(key: string, opts?: unknown): Promise<void>;
  /** The item's `mtime` and `size`, or `null` when there is none. */
  getMeta(key: string, opts?: unknown): Promise<OmnistorageItemMeta | null>;
  /** Every key under `base`, sorted, at most `maxDepth` levels deep when given. */
  getKeys(base: string, opts?: { maxDepth?: number }): Promise<string[]>;
  /** Deletes every item under `base` (`""`: all of them) and the folders that held them. */
  clear(base: string, opts?: unknown): Promise<void>;
  /** Closes the backend when `closeOnDispose` is set; otherwise does nothing. */
  dispose(): Promise<void>;
}

/** A missing item reads as `null`: nothing there, a folder of other keys, or a path below a file. */
const isAbsent = (err: unknown): boolean =>
  isNotFound(err) || isADirectory(err) || isNotADirectory(err);

/**
 * An unstorage driver over any {@link Backend}: key `a:b` is the file `a/b`. Errors other than
 * a missing item (injected faults, the quota, a closed backend) reach the caller unchanged.
 *
 * @param options - the backend, an optional base folder, `closeOnDispose`
 * @example
 * ```ts
 * import { createStorage } from "unstorage";
 * import { omnistorageDriver } from "omnistorage-ts/unstorage";
 *
 * const backend = new MemoryBackend();
 * const storage = createStorage({ driver: omnistorageDriver({ backend }) });
 * await storage.setItem("users:1", { name: "Ada" });
 * backend.readSync("users/1"); // '{"name":"Ada"}'
 * ```
 * @public
 */
export function omnistorageDriver(options: OmnistorageDriverOptions): OmnistorageDriver {
  const { backend } = options;
  // `in`, not a read: a useMemoryBackend() handle has a backend only while a test runs.
  if (typeof backend !== "object" || backend === null || !("newReader" in backend)) {
    throw new TypeError("omnistorageDriver: options.backend must be an omnistorage Backend");
  }
  const base =
    options.base === undefined || options.base.replace(/\//g, "") === ""
      ? ""
      : normalizePath("omnistorageDriver", options.base);
  const path = (key: string) => pathOfKey(base, key);
  // Looked up per call, for the same reason as above.
  const ext = (): ExtendedBackend | undefined => (isExtended(backend) ? backend : undefined);

  return {
    name: "omnistorage",
    flags: { maxDepth: true },
    options,
    getInstance: () => backend,

    // Every operation is async, so a bad key or value rejects instead of throwing.
    hasItem: async (key) => isFile(backend, ext(), path(key)),

    async getItem(key) {
      const bytes = await readOrNull(backend, path(key));
      return bytes === null ? null : new TextDecoder().decode(bytes);
    },

    getItemRaw: async (key) => readOrNull(backend, path(key)),

    setItem: async (key, value) => writeFile(backend, path(key), String(value)),

    setItemRaw: async (key, value) => writeFile(backend, path(key), rawBytes(key, value)),

    async removeItem(key) {
      const p = path(key);
      const extended = ext();
      if (!(await isFile(backend, extended, p))) return;
      await backend.delete(p);
      if (extended) await pruneEmptyParents(extended, p, base);
    },

    async getMeta(key) {
      const p = path(key);
      const extended = ext();
      if (!extended) return (await isFile(backend, extended, p)) ? {} : null;
      try {
        const info = await extended.stat(p);
        return info.isDir ? null : { mtime: info.modTime, size: info.size };
      } catch (err) {
        if (isAbsent(err)) return null;
        throw err;
      }
    },

    async getKeys(keyBase, opts) {
      const prefix = prefixOfBase(base, keyBase);
      const maxDepth = opts?.maxDepth;
      const keys = (await backend.list(prefix)).map((p) => keyOfPath(base, p));
      const kept = maxDepth === undefined ? keys : keys.filter((k) => depthOfKey(k) <= maxDepth);
      return kept.sort(byCodeUnit);
    },

    async clear(keyBase) {
      const prefix = prefixOfBase(base, keyBase);
      const extended = ext();
      if (extended && prefix !== "") {
        const folder = prefix.slice(0, -1);
        await extended.rmdir(folder, { recursive: true }).catch((err: unknown) => {
          if (!isAbsent(err)) throw err;
        });
        await pruneEmptyParents(extended, folder, base);
        return;
      }
      const files = await backend.list(prefix);
      for (const file of files) await backend.delete(file);
      if (extended) for (const dir of topFolders(files)) await removeTree(extended, dir);
    },

    async dispose() {
      if (options.closeOnDispose) await backend.close();
    },
  };
}

async function readOrNull(backend: Backend, path: string): Promise<Uint8Array | null> {
  try {
    const bytes = await readFile(backend, path);
    // A Buffer view (no copy): what Node drivers hand out, so `.toString()` gives the text.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (err) {
    if (isAbsent(err)) return null;
    throw err;
  }
}

/** True when `path` is a file (a folder of other keys is not an item). */
async function isFile(
  backend: Backend,
  extended: ExtendedBackend | undefined,
  path: string,
): Promise<boolean> {
  if (!extended) {
    if (!(await backend.exists(path))) return false;
    return (await backend.list(path)).includes(path);
  }
  try {
    return !(await extended.stat(path)).isDir;
  } catch (err) {
    if (isAbsent(err)) return false;
    throw err;
  }
}

/** The bytes of a raw value: strings (UTF-8), ArrayBuffers and typed-array views of any realm. */
function rawBytes(key: string, value: unknown): Uint8Array | string {
  if (typeof value === "string") return value;
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (Object.prototype.toString.call(value) === "[object ArrayBuffer]") {
    return new Uint8Array(value as ArrayBuffer);
  }
  throw new NotSupportedError("setItemRaw", key, {
    message: `setItemRaw ${JSON.stringify(key)}: a raw value must be a string, a Uint8Array or an ArrayBuffer, got ${describe(value)}`,
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * Removes the folders a removal left empty, up to the driver's base: unstorage has no
 * folders, and an empty folder left at `a` would refuse a later `setItem("a")`.
 */
async function pruneEmptyParents(backend: ExtendedBackend, path: string, base: string) {
  const inside = (dir: string) =>
    dir !== "" && dir !== base && (base === "" || isWithin(dir, base));
  for (let dir = parentOf(path); inside(dir); dir = parentOf(dir)) {
    try {
      await backend.rmdir(dir);
    } catch (err) {
      if (isNotEmpty(err) || isAbsent(err)) return;
      throw err;
    }
  }
}

/** The first-level folders (`a` of `a/b/c`) of listed files. */
function topFolders(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const slash = file.indexOf("/");
    if (slash > 0) folders.add(file.slice(0, slash));
  }
  return [...folders];
}

async function removeTree(backend: ExtendedBackend, dir: string): Promise<void> {
  await backend.rmdir(dir, { recursive: true }).catch((err: unknown) => {
    if (!isAbsent(err)) throw err;
  });
}
