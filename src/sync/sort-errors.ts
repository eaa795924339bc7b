import type { SyncFileError } from "./types.js";

/**
 * Per-file errors sorted by path (UTF-16 code units, like `list`), then by operation, so
 * results do not depend on which transfer finished first.
 * @param errors - in the order they happened
 */
export function sortErrors(errors: readonly SyncFileError[]): SyncFileError[] {
  return [...errors].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.op < b.op ? -1 : a.op > b.op ? 1 : 0,
  );
}
