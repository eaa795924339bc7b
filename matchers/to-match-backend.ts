import { byteDifference, sameBytes, textOf } from "./internal/content.js";
import { diffOf, type MatcherContext, type MatcherResult, willFail } from "./internal/context.js";
import { type MaybePromise, wait } from "./internal/drive.js";
import { readTree } from "./internal/read-tree.js";
import { hint, message, runMatcher, subjectOf } from "./internal/report.js";
import { inspectorOf } from "./internal/subject.js";
import { type Difference, describeDifferences } from "./internal/tree-differences.js";

const NAME = "toMatchBackend";
const BACKEND_WORDS = { missing: "removed", added: "added", changed: "changed" } as const;

/**
 * Passes when the backend holds the same files with the same bytes as `other` (directories
 * are not compared). The failure lists what a `sync` would have to fix, relative to `other`:
 * `+ added` (only in the received backend), `- removed` (only in `other`) and `~ changed`
 * paths, with a diff of each changed text file; Vitest also draws a diff of both trees.
 * Synchronous when both are MemoryBackends; a Promise otherwise.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param other - the backend it should equal (same kinds accepted)
 * @example
 * ```ts
 * await sync(source, target, "", "");
 * expect(target).toMatchBackend(source);
 * ```
 * @public
 */
export function toMatchBackend(
  this: MatcherContext,
  received: unknown,
  other: unknown,
): MaybePromise<MatcherResult> {
  const ctx = this;
  return runMatcher(ctx, NAME, received, function* (ours) {
    // The received subject is checked first (by runMatcher), then this one, before any read.
    const theirs = inspectorOf(subjectOf(ctx, NAME, other, "expected"));
    const mine = yield* wait(ours.list());
    const wanted = yield* wait(theirs.list());
    const mineSet = new Set(mine);
    const wantedSet = new Set(wanted);
    const differences: Difference[] = [];
    for (const path of wanted) {
      if (!mineSet.has(path)) {
        differences.push({ type: "missing", path });
        continue;
      }
      const a = yield* wait(ours.read(path));
      const b = yield* wait(theirs.read(path));
      if (!sameBytes(a, b)) {
        differences.push({ type: "changed", path, detail: () => describeChange(ctx, b, a) });
      }
    }
    for (const path of mine) if (!wantedSet.has(path)) differences.push({ type: "added", path });
    const pass = differences.length === 0;
    const failing = willFail(ctx, pass);
    const actual = failing ? yield* readTree(ours, mine) : {};
    const expected = failing ? yield* readTree(theirs, wanted) : {};
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "other");
        return ctx.isNot
          ? message(head, ["Expected the backends to differ, but they hold the same files."], mine)
          : message(head, [describeDifferences(ctx, differences, BACKEND_WORDS)], mine);
      },
      actual,
      expected,
    };
  });
}

function describeChange(ctx: MatcherContext, expected: Uint8Array, received: Uint8Array): string {
  const before = textOf(expected);
  const after = textOf(received);
  if (before !== undefined && after !== undefined) return diffOf(ctx, before, after);
  return byteDifference(expected, received);
}
