/**
 * The slice of a runner's matcher context (`this` inside an `expect.extend` matcher) that our
 * matchers use. Jest and Vitest both provide it with these signatures; helpers whose argument
 * order differs between them (`printDiffOrStringify`) are deliberately left out.
 */

/**
 * An equality tester as `this.equals` takes them: `undefined` means "not my kind of value".
 * The last parameter is `never[]` so that each runner's own tester type (whose list holds its
 * own tester type) is assignable here; we only pass testers along, never call them with a list.
 */
export type EqualityTester = (
  a: unknown,
  b: unknown,
  customTesters: never[],
) => boolean | undefined;

/** Options of `this.utils.matcherHint`, the subset both runners accept. */
export interface HintOptions {
  isNot?: boolean;
  promise?: string;
  secondArgument?: string;
  comment?: string;
}

/** The printing and diffing helpers of `this.utils` that match in Jest and Vitest. */
export interface MatcherUtils {
  matcherHint(name: string, received?: string, expected?: string, options?: HintOptions): string;
  printExpected(value: unknown): string;
  printReceived(value: unknown): string;
  /** Expected first, received second, in both runners. */
  diff(expected: unknown, received: unknown): string | null | undefined;
  /** `toMatchObject`'s testers; both runners expose them, older ones may not. */
  subsetEquality?: EqualityTester;
  iterableEquality?: EqualityTester;
}

/**
 * What a matcher receives as `this`, in Jest and in Vitest.
 * @public
 */
export interface MatcherContext {
  /** True under `.not`; the runner flips `pass` itself, so it only shapes the message. */
  readonly isNot?: boolean;
  /** `""`, `"resolves"` or `"rejects"`. */
  readonly promise?: string;
  /** The runner's deep equality, asymmetric matchers and custom testers included. */
  equals(a: unknown, b: unknown, customTesters?: EqualityTester[], strictCheck?: boolean): boolean;
  /** Testers registered with `expect.addEqualityTesters`. */
  readonly customTesters?: readonly EqualityTester[];
  /** The runner's printing and diffing helpers. */
  readonly utils: MatcherUtils;
}

/**
 * What a matcher returns. `actual` and `expected` let Vitest draw its own diff.
 * @public
 */
export interface MatcherResult {
  /** Whether the matcher passed (before `.not` flips it). */
  pass: boolean;
  /** The failure message, built only when it is shown. */
  message(): string;
  /** What was received, for the runner's diff. */
  actual?: unknown;
  /** What was expected, for the runner's diff. */
  expected?: unknown;
}

/** An asymmetric matcher such as `expect.stringContaining("x")`. @public */
export interface AsymmetricMatcherLike {
  /** True when `other` matches. */
  asymmetricMatch(other: unknown): boolean;
}

/**
 * True for an asymmetric matcher (an object with `asymmetricMatch`).
 * @param value - anything
 */
export function isAsymmetric(value: unknown): value is AsymmetricMatcherLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<AsymmetricMatcherLike>).asymmetricMatch === "function"
  );
}

/**
 * True when the runner will report a failure for this `pass` (it fails when `pass` equals
 * `isNot`), which is when a matcher gathers what its message shows.
 * @param ctx - the matcher context
 * @param pass - the result before `.not` is applied
 */
export function willFail(ctx: MatcherContext, pass: boolean): boolean {
  return pass === (ctx.isNot === true);
}

/**
 * The runner's diff of expected against received (`this.utils.diff`, same argument order in
 * both runners), without the blank tail a text ending in a newline leaves.
 * @param ctx - the matcher context
 * @param expected - the expected value
 * @param received - the received value
 */
export function diffOf(ctx: MatcherContext, expected: unknown, received: unknown): string {
  return (ctx.utils.diff(expected, received) ?? "").replace(/\s+$/, "");
}
