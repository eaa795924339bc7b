import {
  byteDifference,
  isJsonPath,
  looseTextOf,
  parseJson,
  previewOf,
  sameBytes,
  textOf,
  utf8,
} from "./content.js";
import {
  type AsymmetricMatcherLike,
  diffOf,
  isAsymmetric,
  type MatcherContext,
} from "./context.js";

/**
 * What `toHaveFile` accepts as the expected content.
 * @public
 */
export type ContentExpectation = string | Uint8Array | RegExp | AsymmetricMatcherLike;

/**
 * True for a value `toHaveFile` accepts as expected content.
 * @param value - anything
 */
export function isContentExpectation(value: unknown): value is ContentExpectation {
  return (
    typeof value === "string" ||
    value instanceof Uint8Array ||
    value instanceof RegExp ||
    isAsymmetric(value)
  );
}

/**
 * Whether a file's bytes meet an expectation:
 * - a string: exactly this UTF-8 text;
 * - a Uint8Array: exactly these bytes;
 * - a RegExp: tested against the text;
 * - an asymmetric matcher: given the text (the bytes when binary), and for a `.json` file also
 *   the parsed value, so `expect.objectContaining({...})` works there.
 *
 * @param ctx - the matcher context (its `equals` runs asymmetric matchers)
 * @param path - the normalised path, for the `.json` rule
 * @param bytes - the file's content
 * @param expected - the expectation
 */
export function contentMatches(
  ctx: MatcherContext,
  path: string,
  bytes: Uint8Array,
  expected: ContentExpectation,
): boolean {
  if (typeof expected === "string") return sameBytes(bytes, utf8(expected));
  if (expected instanceof Uint8Array) return sameBytes(bytes, expected);
  if (expected instanceof RegExp) return new RegExp(expected).test(looseTextOf(bytes));
  if (ctx.equals(textOf(bytes) ?? bytes, expected)) return true;
  if (!isJsonPath(path)) return false;
  const parsed = parseJson(bytes);
  return parsed.ok && ctx.equals(parsed.value, expected);
}

/**
 * Why a file's bytes do not meet an expectation: a diff for text, a byte comparison for
 * binary data, the content itself for a RegExp or an asymmetric matcher.
 *
 * @param ctx - the matcher context (its printers and diff)
 * @param bytes - the file's content
 * @param expected - the expectation it failed
 * @returns message lines
 */
export function contentMismatch(
  ctx: MatcherContext,
  bytes: Uint8Array,
  expected: ContentExpectation,
): string {
  const { utils } = ctx;
  const received = textOf(bytes);
  if (typeof expected === "string" || expected instanceof Uint8Array) {
    const wanted = typeof expected === "string" ? expected : textOf(expected);
    if (wanted !== undefined && received !== undefined) {
      return diffOf(ctx, wanted, received);
    }
    const expectedBytes = typeof expected === "string" ? utf8(expected) : expected;
    return byteDifference(expectedBytes, bytes);
  }
  const label = expected instanceof RegExp ? "Expected content matching" : "Expected content";
  return [
    `${label}: ${utils.printExpected(expected)}`,
    `Received content: ${utils.printReceived(previewOf(bytes))}`,
  ].join("\n");
}
