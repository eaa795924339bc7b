import type { Backend } from "../../src/core/types.js";
import { compactTree } from "./compact-tree.js";
import { type MatcherContext, type MatcherResult, willFail } from "./context.js";
import { drive, type MaybePromise, type Steps, wait } from "./drive.js";
import { nearestPaths } from "./nearest-paths.js";
import { backendOf, type Inspector, inspectorOf, type SyncBackend } from "./subject.js";

/**
 * Runs a matcher body against its subject: checks the subject first (a usage `TypeError` for
 * anything that is not a backend), then drives the body synchronously on a MemoryBackend and
 * as a Promise on any other backend. The body starts by checking its own arguments, so those
 * errors come after the subject's, and are thrown synchronously either way.
 *
 * @param ctx - the matcher context
 * @param name - the matcher's name, for messages
 * @param received - what was passed to `expect()`
 * @param body - the matcher's logic, written once for both kinds of backend
 */
export function runMatcher(
  ctx: MatcherContext,
  name: string,
  received: unknown,
  body: (io: Inspector) => Steps<MatcherResult>,
): MaybePromise<MatcherResult> {
  return drive(body(inspectorOf(subjectOf(ctx, name, received))));
}

/**
 * The backend behind a matcher argument, or a usage `TypeError` that says what is accepted.
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param value - the subject (or `toMatchBackend`'s argument)
 * @param role - `"received"` or `"expected"`, as the message names it
 */
export function subjectOf(
  ctx: MatcherContext,
  name: string,
  value: unknown,
  role: "received" | "expected" = "received",
): SyncBackend | Backend {
  const backend = backendOf(value);
  if (backend) return backend;
  throw usageError(
    ctx,
    name,
    `${role} value must be a MemoryBackend, the useMemoryBackend() handle, or any other Backend`,
    `${role === "received" ? "Received" : "Expected"}: ${safePrint(ctx, value)}`,
  );
}

/**
 * A `TypeError` for a matcher used wrongly, in the shape of the runners' own matcher errors.
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param problem - what is wrong, in a few words
 * @param detail - the offending value, printed
 */
export function usageError(
  ctx: MatcherContext,
  name: string,
  problem: string,
  detail: string,
): TypeError {
  return new TypeError(`${hint(ctx, name, "…")}\n\nMatcher error: ${problem}\n\n${detail}`);
}

/**
 * The first line of every message, `expect(backend).toHaveFile(path)` (with `.not`,
 * `.resolves` as used).
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param expected - how to name the first argument
 * @param secondArgument - how to name the second argument, if one was given
 */
export function hint(
  ctx: MatcherContext,
  name: string,
  expected = "",
  secondArgument?: string,
): string {
  return ctx.utils.matcherHint(name, "backend", expected, {
    isNot: ctx.isNot === true,
    promise: ctx.promise ?? "",
    ...(secondArgument === undefined ? {} : { secondArgument }),
  });
}

/**
 * Every file, fetched only when the assertion is about to fail (the message ends with the
 * backend's tree), so passing assertions do not list large stores.
 * @param ctx - the matcher context
 * @param io - the subject's inspector
 * @param pass - the result before `.not` is applied
 */
export function* filesWhenFailing(
  ctx: MatcherContext,
  io: Inspector,
  pass: boolean,
): Steps<readonly string[]> {
  return willFail(ctx, pass) ? yield* wait(io.list()) : [];
}

/**
 * A full failure message: the hint, the explanation, and the compact tree of the backend.
 * @param head - the hint line
 * @param body - explanation paragraphs (empty ones are dropped)
 * @param files - every file of the backend
 */
export function message(head: string, body: readonly string[], files: readonly string[]): string {
  return [head, ...body.filter((part) => part !== ""), compactTree(files)].join("\n\n");
}

/**
 * "Did you mean …?" for a missing path, or `""` when nothing is close.
 * @param ctx - the matcher context
 * @param target - the missing path
 * @param candidates - existing paths of the right kind
 */
export function didYouMean(
  ctx: MatcherContext,
  target: string,
  candidates: readonly string[],
): string {
  const near = nearestPaths(target, candidates);
  if (near.length === 0) return "";
  if (near.length === 1) return `Did you mean ${ctx.utils.printReceived(near[0])}?`;
  return `Did you mean one of ${near.map((p) => ctx.utils.printReceived(p)).join(", ")}?`;
}

function safePrint(ctx: MatcherContext, value: unknown): string {
  try {
    return ctx.utils.printReceived(value);
  } catch {
    return String(value);
  }
}
