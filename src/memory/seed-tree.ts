import { isBytes } from "../core/bytes.js";
import { NotSupportedError } from "../core/errors.js";
import { normalizePath } from "../core/paths.js";
import type { Entry } from "./entries.js";

/** A JSON-able value, stored as pretty JSON. @public */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/**
 * A value in a seed tree: a string is UTF-8 text, a `Uint8Array` raw bytes, `null` an empty
 * directory, anything else JSON (`JSON.stringify(value, null, 2)`).
 * @public
 */
export type TreeValue = string | Uint8Array | null | JsonValue;

/** Paths to contents, as `MemoryBackend.from`, `load` and `toJSON` use them. @public */
export type Tree = { readonly [path: string]: TreeValue };

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A tree's entries, normalised and encoded: bytes for files, `null` for directories. */
export function encodeTree(op: string, tree: Tree): [string, Uint8Array | null][] {
  if (typeof tree !== "object" || tree === null || Array.isArray(tree)) {
    throw new TypeError(`${op}: a tree must be an object of path → content`);
  }
  return Object.keys(tree).map((key) => {
    const path = normalizePath(op, key);
    const value = tree[key];
    if (value === null) return [path, null];
    if (typeof value === "string") return [path, encoder.encode(value)];
    // Bytes of any realm (a Uint8Array from a vm context fails `instanceof`).
    if (isBytes(value)) return [path, new Uint8Array(value)];
    const json = value === undefined ? undefined : JSON.stringify(value, null, 2);
    if (json === undefined) {
      throw new NotSupportedError(op, path, {
        message: `${op} ${JSON.stringify(path)}: a ${typeof value} cannot be stored (use a string, Uint8Array, null or a JSON value)`,
      });
    }
    return [path, encoder.encode(json)];
  });
}

/**
 * Text when the bytes are valid UTF-8 without NUL, else `undefined`.
 * @param bytes - file content
 */
export function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Sets a key on a plain object, `__proto__` included, without touching any prototype. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else target[key] = value;
}

/**
 * The tree of a store's entries: files as text or bytes, directories with nothing below as
 * `null` (directories implied by a file are left out).
 */
export function decodeTree(
  entries: readonly [string, Entry][],
  bytesOf: (path: string) => Uint8Array,
  hasChildren: (dir: string) => boolean,
): Record<string, string | Uint8Array | null> {
  const out: Record<string, string | Uint8Array | null> = {};
  for (const [path, entry] of entries) {
    if (!entry.dir) {
      const bytes = bytesOf(path);
      setOwn(out, path, asText(bytes) ?? bytes);
    } else if (!hasChildren(path)) setOwn(out, path, null);
  }
  return out;
}
