import { sameContent, sizeOf } from "./content.js";
import type { FileMeta, Side } from "./side.js";
import type { CompareOptions } from "./types.js";

/** Modification times this close count as equal (filesystems round them, as in the Go original). */
export const MOD_TIME_TOLERANCE_MS = 1000;

/**
 * Decides whether the destination file equals the source file, following the Go original:
 * sizes first (unless `ignoreSize`; `sizeOnly` stops there); with `checksum` the contents;
 * otherwise modification times within {@link MOD_TIME_TOLERANCE_MS} (unless `ignoreTime`).
 * What a side cannot tell from `stat` (no `ExtendedBackend`) is learned by reading: sizes are
 * counted, and a missing modification time falls back to comparing contents.
 *
 * @param src - the source side
 * @param dst - the destination side
 * @param rel - the path relative to both folders
 * @param srcMeta - what the source scan learned
 * @param dstMeta - what the destination scan learned
 * @param options - the comparison options
 */
export async function filesEqual(
  src: Side,
  dst: Side,
  rel: string,
  srcMeta: FileMeta,
  dstMeta: FileMeta,
  options: CompareOptions,
): Promise<boolean> {
  const { signal } = options;
  if (options.sizeOnly || !options.ignoreSize) {
    const [a, b] = await Promise.all([
      sizeOf(src, rel, srcMeta, signal),
      sizeOf(dst, rel, dstMeta, signal),
    ]);
    if (a !== b) return false;
    if (options.sizeOnly) return true;
  }
  if (options.checksum) return sameContent(src, dst, rel, signal);
  if (options.ignoreTime) return true;
  if (srcMeta.modTime === undefined || dstMeta.modTime === undefined) {
    return sameContent(src, dst, rel, signal);
  }
  return Math.abs(srcMeta.modTime - dstMeta.modTime) <= MOD_TIME_TOLERANCE_MS;
}
