import { normalizePath } from "../../src/core/paths.js";
import type { MatcherContext, MatcherResult } from "../internal/context.js";
import { countOk, journalMessage, journalOf, operationsOn, timesText } from "./journal-report.js";

const NAME = "toHaveDeleted";

/**
 * Passes when the backend's journal holds a successful `delete(path)` call (deleting a missing
 * file succeeds too, as `delete` is idempotent). Files removed by `move` or a recursive `rmdir`
 * do not count. A failure message lists every operation on the path. Synchronous; the subject
 * must be a MemoryBackend or the `useMemoryBackend()` handle.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend or the `useMemoryBackend()` handle
 * @param path - the file (normalised like every path)
 * @example
 * ```ts
 * expect(backend).toHaveDeleted("tmp/upload.part");
 * expect(backend).not.toHaveDeleted("data.db");
 * ```
 * @public
 */
export function toHaveDeleted(
  this: MatcherContext,
  received: unknown,
  path: string,
): MatcherResult {
  const journal = journalOf(this, NAME, received);
  const p = normalizePath(NAME, path);
  const count = countOk(journal, "delete", p);
  return {
    pass: count > 0,
    message: () => {
      const shown = this.utils.printReceived(p);
      const verdict = this.isNot
        ? `Expected no delete of ${shown}, but it was deleted ${timesText(count)}.`
        : `Expected a delete of ${shown}, but there was none.`;
      return journalMessage(this, NAME, ["path"], verdict, operationsOn(this, journal, [p]));
    },
  };
}
