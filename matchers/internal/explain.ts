import { ancestorsOf } from "../../src/core/paths.js";
import { plural } from "./compact-tree.js";
import type { MatcherContext } from "./context.js";
import { didYouMean } from "./report.js";
import type { PathKind } from "./subject.js";

/**
 * Why a file is not where it was expected, with the nearest existing files.
 * @param ctx - the matcher context
 * @param path - the expected file
 * @param kind - what the path holds instead
 * @param files - every file of the backend
 */
export function explainNoFile(
  ctx: MatcherContext,
  path: string,
  kind: PathKind,
  files: readonly string[],
): string {
  const shown = ctx.utils.printReceived(path);
  if (kind === "directory") {
    const below = files.filter((file) => file.startsWith(`${path}/`)).length;
    return `${shown} is a directory (${plural(below, "file")} below it), not a file.`;
  }
  return [`Nothing exists at ${shown}.`, nearHint(ctx, path, files)].filter(Boolean).join(" ");
}

/**
 * A hint about a missing path: a file standing where a folder on the way should be, or the
 * nearest existing paths.
 * @param ctx - the matcher context
 * @param path - the missing path
 * @param candidates - existing paths of the expected kind
 * @param files - every file (to spot a file on the way), default `candidates`
 */
export function nearHint(
  ctx: MatcherContext,
  path: string,
  candidates: readonly string[],
  files: readonly string[] = candidates,
): string {
  const blocking = ancestorsOf(path).find((dir) => files.includes(dir));
  if (blocking !== undefined) {
    return `${ctx.utils.printReceived(blocking)} is a file, so nothing can exist below it.`;
  }
  return didYouMean(ctx, path, candidates);
}

/**
 * A hint as an aside after a listed path: ` (did you mean "x"?)`, or `""` for no hint.
 * @param hint - a sentence, or `""`
 */
export function asAside(hint: string): string {
  return hint === "" ? "" : ` (${hint.charAt(0).toLowerCase()}${hint.slice(1)})`;
}
