import { isWithin } from "./paths.js";
import type { Backend } from "./types.js";

/**
 * Where a backend path really lives: the store that holds it and the path inside that store.
 * Two paths are one place when their stores are the same and their paths are equal.
 */
export interface StoreLocation {
  /** The backend object itself, or a marker shared by every backend on the real disk. */
  readonly store: unknown;
  /** The normalised path in that store; `""` is the whole store. */
  readonly path: string;
}

// The key under which a useMemoryBackend() handle gives the backend it stands for (the
// fixtures define it with the same Symbol.for key; core must not import the fixtures).
const CURRENT_BACKEND = Symbol.for("omnistorage.currentBackend");
const DISK = Symbol("the real disk");

/**
 * Locates a normalised path of a backend. The same object is the same store, and a fixture
 * handle is the backend it stands for. Backends on the real disk (`FileBackend`, recognised by
 * its class name and its absolute `root`) share one store, their root joined to the path, so
 * two FileBackends over the same folder, or one over a subfolder of the other, are seen to
 * overlap. Anything else cannot be compared: two objects over the same remote storage look
 * like two stores.
 *
 * @param backend - any backend
 * @param path - a normalised path, `""` for the whole backend
 */
export function locate(backend: Backend, path: string): StoreLocation {
  const target = unwrapHandle(backend);
  const root = diskRootOf(target);
  if (root === undefined) return { store: target, path };
  return { store: DISK, path: path === "" ? root : root === "" ? path : `${root}/${path}` };
}

/**
 * True when the two locations are one place, or one lies inside the other.
 * @param a - a location
 * @param b - another
 */
export function overlaps(a: StoreLocation, b: StoreLocation): boolean {
  if (a.store !== b.store) return false;
  return a.path === "" || b.path === "" || isWithin(a.path, b.path) || isWithin(b.path, a.path);
}

/**
 * True when the two locations are exactly one place.
 * @param a - a location
 * @param b - another
 */
export function samePlace(a: StoreLocation, b: StoreLocation): boolean {
  return a.store === b.store && a.path === b.path;
}

function unwrapHandle(backend: Backend): Backend {
  try {
    const current = (backend as unknown as Record<symbol, unknown>)[CURRENT_BACKEND];
    return current !== null && typeof current === "object" ? (current as Backend) : backend;
  } catch {
    // A handle read outside a test throws; it then stands for nothing but itself.
    return backend;
  }
}

/** The root folder of a FileBackend (or a subclass), with `/` separators and no trailing one. */
function diskRootOf(backend: Backend): string | undefined {
  const root = (backend as { root?: unknown }).root;
  if (typeof root !== "string" || root === "") return undefined;
  for (let p = Object.getPrototypeOf(backend); p !== null; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, "constructor") && p.constructor?.name === "FileBackend") {
      return root.replace(/\\/g, "/").replace(/\/+$/, "");
    }
  }
  return undefined;
}
