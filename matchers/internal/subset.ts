import { setOwn } from "../../src/memory/seed-tree.js";
import { type EqualityTester, isAsymmetric, type MatcherContext } from "./context.js";

/**
 * `toMatchObject` equality with the runner's own `this.equals`: the runner's subset and
 * iterable testers when it exposes them (Jest and Vitest both do, in `this.utils`), else a small
 * subset tester of ours that hands every leaf back to `this.equals`, so asymmetric matchers and
 * custom testers work either way.
 *
 * @param ctx - the matcher context
 * @param received - the parsed value
 * @param expected - the expected subset
 */
export function matchesSubset(ctx: MatcherContext, received: unknown, expected: unknown): boolean {
  const custom = ctx.customTesters ?? [];
  const { subsetEquality, iterableEquality } = ctx.utils;
  if (typeof subsetEquality === "function" && typeof iterableEquality === "function") {
    return ctx.equals(received, expected, [...custom, iterableEquality, subsetEquality]);
  }
  return ctx.equals(received, expected, [...custom, subsetTester(ctx)]);
}

/** Our fallback of the runners' `subsetEquality`. */
function subsetTester(ctx: MatcherContext): EqualityTester {
  const tester: EqualityTester = (object, subset) => {
    if (!isRecord(subset) || isAsymmetric(subset)) return undefined;
    // As the runners do: every key the subset names must be an own key of an object (arrays
    // included) holding an equal value, so an empty subset matches anything.
    return Object.keys(subset).every(
      (key) =>
        typeof object === "object" &&
        object !== null &&
        Object.hasOwn(object, key) &&
        ctx.equals((object as Record<string, unknown>)[key], subset[key], [
          ...(ctx.customTesters ?? []),
          tester,
        ]),
    );
  };
  return tester;
}

/**
 * The part of `received` that `expected` speaks about, for a readable diff (what Jest calls
 * getObjectSubset): keys `expected` does not name are dropped, and values an asymmetric
 * matcher accepted are replaced by that matcher, so the diff shows only real differences.
 *
 * @param ctx - the matcher context
 * @param received - the parsed value
 * @param expected - the expected subset
 */
export function subsetForDiff(ctx: MatcherContext, received: unknown, expected: unknown): unknown {
  if (isAsymmetric(expected)) return ctx.equals(received, expected) ? expected : received;
  if (Array.isArray(received) && Array.isArray(expected)) {
    if (received.length !== expected.length) return received;
    return received.map((item, i) => subsetForDiff(ctx, item, expected[i]));
  }
  if (isRecord(received) && isRecord(expected)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      if (Object.hasOwn(received, key)) {
        setOwn(out, key, subsetForDiff(ctx, received[key], expected[key]));
      }
    }
    return out;
  }
  return received;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
