import { normalizePath } from "../../src/core/paths.js";
import type { MatcherContext, MatcherResult } from "../internal/context.js";
import {
  checkTimes,
  countOk,
  journalMessage,
  journalOf,
  operationsOn,
  timesText,
} from "./journal-report.js";

const NAME = "toHaveWritten";

/**
 * Passes when the backend's journal holds a committed write of `path` (a writer closed
 * successfully), or exactly `times` of them. Failed, aborted and merely opened writers do not
 * count; a failure message lists every operation on the path. Synchronous; the subject must
 * be a MemoryBackend or the `useMemoryBackend()` handle.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend or the `useMemoryBackend()` handle
 * @param path - the file (normalised like every path)
 * @param times - the exact number of committed writes, optional
 * @example
 * ```ts
 * expect(backend).toHaveWritten("out/report.csv");
 * expect(backend).toHaveWritten("cache.json", 1);
 * expect(backend).not.toHaveWritten("config.json");
 * ```
 * @public
 */
export function toHaveWritten(
  this: MatcherContext,
  received: unknown,
  path: string,
  times?: number,
): MatcherResult {
  const journal = journalOf(this, NAME, received);
  checkTimes(this, NAME, times);
  const p = normalizePath(NAME, path);
  const count = countOk(journal, "write", p);
  const pass = times === undefined ? count > 0 : count === times;
  return {
    pass,
    message: () => {
      const shown = this.utils.printReceived(p);
      const was = count === 0 ? "it was never written" : `it was written ${timesText(count)}`;
      let verdict: string;
      if (times === undefined) {
        verdict = this.isNot
          ? `Expected no committed write to ${shown}, but ${was}.`
          : `Expected a committed write to ${shown}, but there was none.`;
      } else {
        const want = timesText(times);
        verdict = this.isNot
          ? `Expected ${shown} not to be written ${want}, but it was.`
          : `Expected ${shown} to be written ${want}, but ${was}.`;
      }
      const args = times === undefined ? (["path"] as const) : (["path", "times"] as const);
      return journalMessage(this, NAME, args, verdict, operationsOn(this, journal, [p]));
    },
  };
}
