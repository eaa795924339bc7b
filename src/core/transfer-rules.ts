import { InvalidPathError } from "./errors.js";
import { isWithin } from "./paths.js";

/**
 * Refuses to copy or move a directory into its own subtree (`a` to `a/b`), which would never
 * end, with `InvalidPathError` naming both paths. `src === dst` is not refused: it is a no-op.
 * @param op - `copy` or `move`
 * @param src - the normalised source directory
 * @param dst - the normalised destination
 */
export function refuseIntoOwnSubtree(op: "copy" | "move", src: string, dst: string): void {
  if (src === dst || !isWithin(dst, src)) return;
  throw new InvalidPathError(op, dst, {
    message: `${op} ${JSON.stringify(src)} to ${JSON.stringify(dst)}: cannot ${op} a directory into its own subtree`,
  });
}
