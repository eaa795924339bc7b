import { normalizePath } from "../src/core/paths.js";
import { plural } from "./internal/compact-tree.js";
import type { MatcherContext, MatcherResult } from "./internal/context.js";
import { type MaybePromise, wait } from "./internal/drive.js";
import { nearHint } from "./internal/explain.js";
import { foldersOf } from "./internal/nearest-paths.js";
import { filesWhenFailing, hint, message, runMatcher } from "./internal/report.js";

const NAME = "toHaveDirectory";

/**
 * Passes when `path` is a directory: one made with `mkdir` (empty or not) or one implied by the
 * files below it. Synchronous on a MemoryBackend; a Promise on any other backend.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param path - the directory
 * @example
 * ```ts
 * expect(backend).toHaveDirectory("reports");
 * expect(backend).not.toHaveDirectory("tmp");
 * ```
 * @public
 */
export function toHaveDirectory(
  this: MatcherContext,
  received: unknown,
  path: string,
): MaybePromise<MatcherResult> {
  const ctx = this;
  return runMatcher(ctx, NAME, received, function* (io) {
    const dir = normalizePath(NAME, path);
    const kind = yield* wait(io.kind(dir));
    const pass = kind === "directory";
    const files = yield* filesWhenFailing(ctx, io, pass);
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "path");
        const shown = ctx.utils.printReceived(dir);
        const below = files.filter((file) => file.startsWith(`${dir}/`)).length;
        if (ctx.isNot) {
          return message(
            head,
            [
              `Expected no directory at ${shown}, but there is one (${plural(below, "file")} below it).`,
            ],
            files,
          );
        }
        const why =
          kind === "file"
            ? `${shown} is a file, not a directory.`
            : [`Nothing exists at ${shown}.`, nearHint(ctx, dir, foldersOf(files), files)]
                .filter(Boolean)
                .join(" ");
        return message(head, [why], files);
      },
    };
  });
}
