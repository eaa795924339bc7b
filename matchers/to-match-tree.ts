import { normalizePath } from "../src/core/paths.js";
import { setOwn } from "../src/memory/seed-tree.js";
import { parseJson, treeValueOf } from "./internal/content.js";
import {
  diffOf,
  isAsymmetric,
  type MatcherContext,
  type MatcherResult,
  willFail,
} from "./internal/context.js";
import { type MaybePromise, type Steps, wait } from "./internal/drive.js";
import { nearHint } from "./internal/explain.js";
import { contentMatches, contentMismatch, isContentExpectation } from "./internal/match-content.js";
import { hint, message, runMatcher, usageError } from "./internal/report.js";
import type { Inspector } from "./internal/subject.js";
import { type Difference, describeDifferences } from "./internal/tree-differences.js";

const NAME = "toMatchTree";
const TREE_WORDS = { missing: "missing", added: "unexpected", changed: "changed" } as const;

/**
 * An expected tree for {@link toMatchTree}: path → expected content. A value may be
 * - a string: the file holds exactly this UTF-8 text;
 * - a Uint8Array: exactly these bytes;
 * - a RegExp or an asymmetric matcher: as in `toHaveFile`;
 * - `null`: a directory (as in `MemoryBackend.from`, where `null` makes an empty directory);
 * - any other JSON value (object, array, number, boolean): the file parses as JSON and equals
 *   it, whatever its formatting or extension (asymmetric matchers may sit inside).
 * @public
 */
export type ExpectedTree = { readonly [path: string]: unknown };

/**
 * Passes when the backend holds exactly the files of `tree` (no more, no fewer) with the
 * expected contents. Directories are only checked where `tree` names them with `null`.
 * Synchronous on a MemoryBackend; a Promise on any other backend.
 *
 * A failure lists missing, unexpected and different files, with a diff for each difference;
 * Vitest also draws a diff of the whole tree.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
 * @param tree - the expected files
 * @example
 * ```ts
 * expect(backend).toMatchTree({
 *   "out/report.json": { total: 3, rows: expect.any(Array) },
 *   "out/report.csv": expect.stringMatching(/^id,name\n/),
 *   "out/logo.png": pngBytes,
 *   "out/archive": null,
 * });
 * ```
 * @public
 */
export function toMatchTree(
  this: MatcherContext,
  received: unknown,
  tree: ExpectedTree,
): MaybePromise<MatcherResult> {
  const ctx = this;
  return runMatcher(ctx, NAME, received, function* (io) {
    const expected = checkTree(ctx, tree);
    const files = yield* wait(io.list());
    const differences: Difference[] = [];
    const seen = new Map<string, () => unknown>();
    for (const [path, value] of expected) {
      const kind = yield* wait(io.kind(path));
      if (value === null) {
        if (kind === "directory") seen.set(path, () => null);
        else differences.push({ type: "missing", path, note: () => "expected a directory" });
        continue;
      }
      if (kind !== "file") {
        const note = () => (kind === "directory" ? "is a directory" : nearHint(ctx, path, files));
        differences.push({ type: "missing", path, note });
        continue;
      }
      const bytes = yield* wait(io.read(path));
      const verdict = compare(ctx, path, bytes, value);
      seen.set(path, verdict.shown);
      if (!verdict.ok) differences.push({ type: "changed", path, detail: verdict.detail });
    }
    const named = new Set(expected.keys());
    const extra = files.filter((path) => !named.has(path));
    for (const path of extra) differences.push({ type: "added", path });
    const pass = differences.length === 0;
    const actual = willFail(ctx, pass) ? yield* actualTree(io, seen, extra) : {};
    return {
      pass,
      message: () => {
        const head = hint(ctx, NAME, "tree");
        return ctx.isNot
          ? message(head, ["Expected the backend not to match this tree, but it does."], files)
          : message(head, [describeDifferences(ctx, differences, TREE_WORDS)], files);
      },
      actual,
      expected: Object.fromEntries(expected),
    };
  });
}

/** The tree's entries with normalised paths, or a usage error for a value we cannot compare. */
function checkTree(ctx: MatcherContext, tree: ExpectedTree): Map<string, unknown> {
  if (typeof tree !== "object" || tree === null || Array.isArray(tree) || isAsymmetric(tree)) {
    throw usageError(
      ctx,
      NAME,
      "expected value must be an object of path → content",
      `Expected: ${ctx.utils.printExpected(tree)}`,
    );
  }
  const out = new Map<string, unknown>();
  for (const key of Object.keys(tree)) {
    const path = normalizePath(NAME, key);
    const value = tree[key];
    const comparable =
      value === null ||
      isContentExpectation(value) ||
      ["number", "boolean", "object"].includes(typeof value);
    if (!comparable) {
      throw usageError(
        ctx,
        NAME,
        `the value for ${JSON.stringify(key)} must be a string, Uint8Array, RegExp, asymmetric matcher, null (a directory) or a JSON value`,
        `Expected: ${ctx.utils.printExpected(value)}`,
      );
    }
    if (out.has(path)) {
      throw usageError(
        ctx,
        NAME,
        `two keys of the tree name the same path ${JSON.stringify(path)}`,
        `Expected: ${ctx.utils.printExpected(tree)}`,
      );
    }
    out.set(path, value);
  }
  return out;
}

interface Verdict {
  ok: boolean;
  /** What the received tree shows for this file in Vitest's diff, built only on failure. */
  shown: () => unknown;
  /** Why it does not match, built only for a message. */
  detail: () => string;
}

function compare(ctx: MatcherContext, path: string, bytes: Uint8Array, value: unknown): Verdict {
  if (isContentExpectation(value)) {
    const ok = contentMatches(ctx, path, bytes, value);
    return {
      ok,
      shown: () => (ok ? value : treeValueOf(path, bytes)),
      detail: () => contentMismatch(ctx, bytes, value),
    };
  }
  const parsed = parseJson(bytes);
  if (!parsed.ok) {
    return {
      ok: false,
      shown: () => treeValueOf(path, bytes),
      detail: () => `Not valid JSON: ${parsed.reason}`,
    };
  }
  const ok = ctx.equals(parsed.value, value);
  return {
    ok,
    shown: () => (ok ? value : parsed.value),
    detail: () => diffOf(ctx, value, parsed.value),
  };
}

/** The received side of Vitest's diff: matched files show the expected value itself. */
function* actualTree(
  io: Inspector,
  seen: ReadonlyMap<string, () => unknown>,
  extra: readonly string[],
): Steps<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [path, shown] of seen) setOwn(out, path, shown());
  for (const path of extra) setOwn(out, path, treeValueOf(path, yield* wait(io.read(path))));
  return out;
}
