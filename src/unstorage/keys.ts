import { InvalidPathError } from "../core/errors.js";

/**
 * unstorage keys are `:`-separated (`a:b:c`) and map onto backend paths segment by segment
 * (`a/b/c`). A driver `base` folder, when given, is put in front.
 */

/** The backend path of an item key, below `base`. */
export function pathOfKey(base: string, key: string): string {
  if (typeof key !== "string") {
    throw new InvalidPathError("unstorage", String(key), {
      message: `unstorage: key must be a string, got ${key === null ? "null" : typeof key}`,
    });
  }
  const relative = key.replaceAll(":", "/");
  return base === "" ? relative : `${base}/${relative}`;
}

/**
 * The `list` prefix for a getKeys/clear base (`""`, `"a"`, `"a:"`, `"a:b:"`): a folder, so
 * base `a` never picks up key `ab`.
 */
export function prefixOfBase(base: string, keyBase: string | undefined): string {
  const folder = (keyBase ?? "").replaceAll(":", "/").replace(/^\/+|\/+$/g, "");
  const parts = [base, folder].filter((p) => p !== "");
  return parts.length === 0 ? "" : `${parts.join("/")}/`;
}

/** The item key of a backend path listed below `base`. */
export function keyOfPath(base: string, path: string): string {
  const relative = base === "" ? path : path.slice(base.length + 1);
  return relative.replaceAll("/", ":");
}

/** Number of `:` in a key: unstorage's depth (`a` is 0, `a:b` is 1). */
export function depthOfKey(key: string): number {
  let depth = 0;
  for (let i = key.indexOf(":"); i >= 0; i = key.indexOf(":", i + 1)) depth++;
  return depth;
}

/** Code-unit order, the order `getKeys` promises (paths sort `/` before digits, keys `:` after). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
