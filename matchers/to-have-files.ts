import { normalizePath } from "../src/core/paths.js";
import { plural } from "./internal/compact-tree.js";
import type { MatcherContext, MatcherResult } from "./internal/context.js";
import { type MaybePromise, wait } from "./internal/drive.js";
import { asAside, nearHint } from "./internal/explain.js";
import { filesWhenFailing, hint, message, runMatcher, usageError } from "./internal/report.js";
import type { PathKind } from "./internal/subject.js";

const NAME = "toHaveFiles";

/**
 * Passes when every path in `paths` is a file. With `.not` it passes only when NONE of them
 * exists as a file: `expect(backend).not.toHaveFiles(["a", "b"])` fails if `a` is there, even
 * when `b` is not (the reading "has none of these files", not "lacks at least one"). That is
 * the one matcher whose `pass` depends on `.not`, because neither reading is the negation of
 * "has all of them". Synchronous on a MemoryBackend; a Promise on any other backend.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param paths - the files (a non-empty array of paths)
 * @example
 * ```ts
 * expect(backend).toHaveFiles(["out/a.csv", "out/b.csv"]);
 * expect(backend).not.toHaveFiles(["tmp/a.part", "tmp/b.part"]); // neither exists
 * ```
 * @public
 */
export function toHaveFiles(
  this: MatcherContext,
  received: unknown,
  paths: readonly string[],
): MaybePromise<MatcherResult> {
  const ctx = this;
  return runMatcher(ctx, NAME, received, function* (io) {
    if (!Array.isArray(paths) || paths.length === 0) {
      throw usageError(
        ctx,
        NAME,
        "expected value must be a non-empty array of paths",
        `Expected: ${ctx.utils.printExpected(paths)}`,
      );
    }
    const wanted = [...new Set(paths.map((p) => normalizePath(NAME, p)))];
    const kinds = new Map<string, PathKind>();
    for (const path of wanted) kinds.set(path, yield* wait(io.kind(path)));
    const present = wanted.filter((path) => kinds.get(path) === "file");
    // Not `present.length === wanted.length` under .not: see the doc comment.
    const pass = ctx.isNot ? present.length > 0 : present.length === wanted.length;
    const files = yield* filesWhenFailing(ctx, io, pass);
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "paths");
        const print = (path: string) => ctx.utils.printReceived(path);
        if (ctx.isNot) {
          return message(
            head,
            [
              [
                `Expected none of these files, but ${plural(present.length, "exists", "exist")}:`,
                ...present.map((path) => `  ${print(path)}`),
              ].join("\n"),
            ],
            files,
          );
        }
        const missing = wanted.filter((path) => kinds.get(path) !== "file");
        const lines = missing.map((path) => {
          const why =
            kinds.get(path) === "directory" ? "is a directory" : nearHint(ctx, path, files);
          return `  ${print(path)}${asAside(why)}`;
        });
        return message(
          head,
          [[`Missing ${missing.length} of ${plural(wanted.length, "file")}:`, ...lines].join("\n")],
          files,
        );
      },
    };
  });
}
