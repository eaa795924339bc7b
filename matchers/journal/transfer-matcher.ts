import { normalizePath } from "../../src/core/paths.js";
import type { MatcherContext, MatcherResult } from "../internal/context.js";
import { countOk, journalMessage, journalOf, operationsOn, timesText } from "./journal-report.js";

/**
 * The body of `toHaveCopied` and `toHaveMoved`: passes when the journal holds a successful
 * `op(src, dst)` call; a failure lists every operation on either path.
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param op - `copy` or `move`
 * @param received - the subject
 * @param src - the source, as given
 * @param dst - the destination, as given
 */
export function transferMatcher(
  ctx: MatcherContext,
  name: string,
  op: "copy" | "move",
  received: unknown,
  src: string,
  dst: string,
): MatcherResult {
  const journal = journalOf(ctx, name, received);
  const s = normalizePath(name, src);
  const d = normalizePath(name, dst);
  const count = countOk(journal, op, s, d);
  return {
    pass: count > 0,
    message: () => {
      const pair = `${ctx.utils.printReceived(s)} to ${ctx.utils.printReceived(d)}`;
      const verdict = ctx.isNot
        ? `Expected no ${op} of ${pair}, but it happened ${timesText(count)}.`
        : `Expected a ${op} of ${pair}, but there was none.`;
      const paths = s === d ? [s] : [s, d];
      return journalMessage(ctx, name, ["src", "dst"], verdict, operationsOn(ctx, journal, paths));
    },
  };
}
