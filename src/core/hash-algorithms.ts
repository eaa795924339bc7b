import { NotSupportedError } from "./errors.js";
import type { HashAlgorithm } from "./types.js";

/** The algorithms every built-in backend's `hash()` takes (and `features().hashes` lists). */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = Object.freeze(["md5", "sha1", "sha256"]);

/**
 * Throws `NotSupportedError` naming the path and the supported algorithms, unless
 * `algorithm` is one of {@link HASH_ALGORITHMS}.
 */
export function checkHashAlgorithm(path: string, algorithm: string): void {
  if ((HASH_ALGORITHMS as readonly string[]).includes(algorithm)) return;
  throw new NotSupportedError("hash", path, {
    message: `hash ${JSON.stringify(path)}: unsupported algorithm ${JSON.stringify(algorithm)} (use ${HASH_ALGORITHMS.join(", ")})`,
  });
}
