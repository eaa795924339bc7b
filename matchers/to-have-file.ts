import { normalizePath } from "../src/core/paths.js";
import { previewOf } from "./internal/content.js";
import type { MatcherContext, MatcherResult } from "./internal/context.js";
import type { MaybePromise } from "./internal/drive.js";
import { wait } from "./internal/drive.js";
import { explainNoFile } from "./internal/explain.js";
import {
  type ContentExpectation,
  contentMatches,
  contentMismatch,
  isContentExpectation,
} from "./internal/match-content.js";
import { filesWhenFailing, hint, message, runMatcher, usageError } from "./internal/report.js";

const NAME = "toHaveFile";

/**
 * Passes when `path` is a file, and, given `expected`, when its content matches: a string
 * (exact UTF-8 text), a Uint8Array (exact bytes), a RegExp (tested against the text) or an
 * asymmetric matcher such as `expect.stringContaining("…")`. Synchronous on a MemoryBackend;
 * on any other backend it returns a Promise, so write `await expect(backend).toHaveFile(…)`.
 *
 * A failure names the nearest existing paths, shows a diff of the content and ends with the
 * backend's tree.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param path - the file (normalised like every path)
 * @param expected - the content, optional
 * @example
 * ```ts
 * expect(backend).toHaveFile("reports/2024.json");
 * expect(backend).toHaveFile("notes.txt", "hello\n");
 * expect(backend).toHaveFile("notes.txt", expect.stringContaining("hello"));
 * expect(backend).not.toHaveFile("tmp/lock");
 * ```
 * @public
 */
export function toHaveFile(
  this: MatcherContext,
  received: unknown,
  path: string,
  expected?: ContentExpectation,
): MaybePromise<MatcherResult> {
  const ctx = this;
  const withContent = expected !== undefined;
  return runMatcher(ctx, NAME, received, function* (io) {
    if (withContent && !isContentExpectation(expected)) {
      throw usageError(
        ctx,
        NAME,
        "expected content must be a string, a Uint8Array, a RegExp or an asymmetric matcher (use toContainJSON for parsed JSON)",
        `Expected: ${ctx.utils.printExpected(expected)}`,
      );
    }
    const file = normalizePath(NAME, path);
    const kind = yield* wait(io.kind(file));
    const bytes = kind === "file" ? yield* wait(io.read(file)) : undefined;
    const pass =
      bytes !== undefined && (!withContent || contentMatches(ctx, file, bytes, expected));
    const files = yield* filesWhenFailing(ctx, io, pass);
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "path", withContent ? "expected" : undefined);
        const shown = ctx.utils.printReceived(file);
        if (ctx.isNot) {
          const what = withContent
            ? `Expected ${shown} not to have this content, but it does:`
            : `Expected no file at ${shown}, but there is one:`;
          return message(
            head,
            [what, ctx.utils.printReceived(previewOf(bytes ?? new Uint8Array()))],
            files,
          );
        }
        if (bytes === undefined)
          return message(head, [explainNoFile(ctx, file, kind, files)], files);
        return message(
          head,
          [
            `File ${shown} has other content.`,
            contentMismatch(ctx, bytes, expected as ContentExpectation),
          ],
          files,
        );
      },
    };
  });
}
