import type { MatcherContext, MatcherResult } from "../internal/context.js";
import { transferMatcher } from "./transfer-matcher.js";

/**
 * Passes when the backend's journal holds a successful `move(src, dst)` call (of a file or a
 * directory). A failure message lists every operation on either path. Synchronous; the
 * subject must be a MemoryBackend or the `useMemoryBackend()` handle.
 *
 * @param this - the runner's matcher context
 * @param received - a MemoryBackend or the `useMemoryBackend()` handle
 * @param src - the source (normalised like every path)
 * @param dst - the destination
 * @example
 * ```ts
 * expect(backend).toHaveMoved("uploads/tmp-1", "uploads/photo.jpg");
 * ```
 * @public
 */
export function toHaveMoved(
  this: MatcherContext,
  received: unknown,
  src: string,
  dst: string,
): MatcherResult {
  return transferMatcher(this, "toHaveMoved", "move", received, src, dst);
}
