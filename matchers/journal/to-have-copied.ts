import type { MatcherContext, MatcherResult } from "../internal/context.js";
import { transferMatcher } from "./transfer-matcher.js";

/**
 * Passes when the backend's journal holds a successful `copy(src, dst)` call (of a file or a
 * directory). A failure message lists every operation on either path. Synchronous; the
 * subject must be a MemoryBackend or the `useMemoryBackend()` handle.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend or the `useMemoryBackend()` handle
 * @param src - the source (normalised like every path)
 * @param dst - the destination
 * @example
 * ```ts
 * expect(backend).toHaveCopied("incoming/a.csv", "archive/a.csv");
 * ```
 * @public
 */
export function toHaveCopied(
  this: MatcherContext,
  received: unknown,
  src: string,
  dst: string,
): MatcherResult {
  return transferMatcher(this, "toHaveCopied", "copy", received, src, dst);
}
