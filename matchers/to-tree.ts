import type { Backend } from "../src/core/types.js";
import { drive, type MaybePromise } from "./internal/drive.js";
import { readTree, type TreeSnapshot } from "./internal/read-tree.js";
import { backendOf, inspectorOf, type SyncBackend } from "./internal/subject.js";

/**
 * A MemoryBackend (anything with its synchronous readers) or a handle holding one in
 * `.current`, such as the `useMemoryBackend()` handle.
 * @public
 */
export type SyncSubject =
  | SyncBackend
  | {
      /** The backend the handle holds for the running test. */
      readonly current: SyncBackend;
    };

/**
 * A deterministic plain object of a backend's files, for snapshots and `toEqual`: flat paths
 * in sorted order; UTF-8 text (valid UTF-8 without NUL) as strings; `.json` files parsed (shown
 * as text when they do not parse); other binary as `<binary N bytes sha256:` + the first 12 hex
 * digits of its SHA-256 + `>`. No timestamps or metadata, and no directories, so a snapshot
 * only changes when a file does. Synchronous on a MemoryBackend (or the `useMemoryBackend()`
 * handle); a Promise on any other backend.
 *
 * Keys are inserted in sorted order; JavaScript still enumerates integer-like keys (`"10"`)
 * first, which snapshot printers re-sort anyway.
 *
 * @param backend - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @example
 * ```ts
 * expect(toTree(backend)).toEqual({ "a.txt": "hi", "b.json": { ok: true } });
 * expect(await toTree(fileBackend)).toMatchSnapshot();
 * ```
 * @public
 */
export function toTree(backend: SyncSubject): TreeSnapshot;
/**
 * {@link toTree} of any Backend: a Promise of the tree (synchronous only on a MemoryBackend).
 * @param backend - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @public
 */
export function toTree(backend: Backend | SyncSubject): MaybePromise<TreeSnapshot>;
export function toTree(backend: Backend | SyncSubject): MaybePromise<TreeSnapshot> {
  const target = backendOf(backend);
  if (target === undefined) {
    throw new TypeError(
      "toTree: expected a MemoryBackend, the useMemoryBackend() handle, or any other Backend",
    );
  }
  return drive(readTree(inspectorOf(target)));
}

export type { TreeSnapshot };
