import { normalizePath } from "../src/core/paths.js";
import { type Parsed, parseJson, previewOf } from "./internal/content.js";
import { diffOf, type MatcherContext, type MatcherResult } from "./internal/context.js";
import { type MaybePromise, wait } from "./internal/drive.js";
import { explainNoFile } from "./internal/explain.js";
import { filesWhenFailing, hint, message, runMatcher, usageError } from "./internal/report.js";
import { matchesSubset, subsetForDiff } from "./internal/subset.js";

const NAME = "toContainJSON";

/**
 * Passes when `path` is a file that parses as JSON and matches `expected` the way
 * `toMatchObject` does: objects may hold more keys than `expected` names, arrays match element
 * by element, and asymmetric matchers work anywhere inside. Synchronous on a MemoryBackend; on
 * any other backend it returns a Promise (`await expect(backend).toContainJSON(…)`).
 *
 * A failure shows a JSON diff of the keys `expected` names (or why the file is not JSON).
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param path - the JSON file
 * @param expected - the subset it must contain
 * @example
 * ```ts
 * expect(backend).toContainJSON("reports/2024.json", { year: 2024 });
 * expect(backend).toContainJSON("reports/2024.json", {
 *   rows: expect.arrayContaining([expect.objectContaining({ id: 1 })]),
 * });
 * ```
 * @public
 */
export function toContainJSON(
  this: MatcherContext,
  received: unknown,
  path: string,
  expected: unknown,
): MaybePromise<MatcherResult> {
  const ctx = this;
  return runMatcher(ctx, NAME, received, function* (io) {
    if (expected === undefined) {
      throw usageError(
        ctx,
        NAME,
        "expected value must be given (the JSON the file must contain)",
        `Expected: ${ctx.utils.printExpected(expected)}`,
      );
    }
    const file = normalizePath(NAME, path);
    const kind = yield* wait(io.kind(file));
    const bytes = kind === "file" ? yield* wait(io.read(file)) : undefined;
    const parsed: Parsed | undefined = bytes === undefined ? undefined : parseJson(bytes);
    const pass = parsed?.ok === true && matchesSubset(ctx, parsed.value, expected);
    const files = yield* filesWhenFailing(ctx, io, pass);
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "path", "expected");
        const shown = ctx.utils.printReceived(file);
        if (bytes === undefined || parsed === undefined) {
          return message(head, [explainNoFile(ctx, file, kind, files)], files);
        }
        if (!parsed.ok) {
          return message(
            head,
            [
              `File ${shown} is not valid JSON: ${parsed.reason}`,
              `Received content: ${ctx.utils.printReceived(previewOf(bytes))}`,
            ],
            files,
          );
        }
        if (ctx.isNot) {
          return message(
            head,
            [
              `Expected ${shown} not to contain this JSON, but it does:`,
              ctx.utils.printReceived(parsed.value),
            ],
            files,
          );
        }
        const diff = diffOf(ctx, expected, subsetForDiff(ctx, parsed.value, expected));
        return message(head, [`File ${shown} does not contain the expected JSON.`, diff], files);
      },
    };
  });
}
