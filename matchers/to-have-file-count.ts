import type { MatcherContext, MatcherResult } from "./internal/context.js";
import { type MaybePromise, wait } from "./internal/drive.js";
import { hint, message, runMatcher, usageError } from "./internal/report.js";

const NAME = "toHaveFileCount";

/**
 * Passes when the backend holds exactly `count` files (directories are not counted).
 * Synchronous on a MemoryBackend; a Promise on any other backend.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param count - a non-negative integer
 * @example
 * ```ts
 * expect(backend).toHaveFileCount(2);
 * expect(backend).not.toHaveFileCount(0);
 * ```
 * @public
 */
export function toHaveFileCount(
  this: MatcherContext,
  received: unknown,
  count: number,
): MaybePromise<MatcherResult> {
  const ctx = this;
  return runMatcher(ctx, NAME, received, function* (io) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw usageError(
        ctx,
        NAME,
        "expected value must be a non-negative integer",
        `Expected: ${ctx.utils.printExpected(count)}`,
      );
    }
    const files = yield* wait(io.list());
    const pass = files.length === count;
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "count");
        const { printExpected, printReceived } = ctx.utils;
        const what = ctx.isNot
          ? `Expected the backend not to hold ${printExpected(count)} ${noun(count)}, but it does.`
          : `Expected ${printExpected(count)} ${noun(count)}, received ${printReceived(files.length)}.`;
        return message(head, [what], files);
      },
    };
  });
}

function noun(count: number): string {
  return count === 1 ? "file" : "files";
}
