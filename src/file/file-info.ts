import type { Stats } from "node:fs";
import { contentTypeOf } from "../core/content-type.js";
import { nodeBuiltin } from "../core/node-builtins.js";
import { NO_METADATA } from "../core/options.js";
import type { HashAlgorithm, ObjectInfo } from "../core/types.js";
import type { ConfinedRoot } from "./confined-root.js";
import { mapFsError } from "./fs-errors.js";

const HASH_BUFFER_SIZE = 256 * 1024;

/**
 * What `stat` reports for a file or directory on disk. The FileBackend stores no custom
 * metadata, and infers the content type from the extension.
 */
export function infoOf(path: string, stats: Stats, isDir: boolean): ObjectInfo {
  return Object.freeze({
    path,
    size: isDir ? 0 : stats.size,
    // Node derives mtimeMs from nanoseconds; a time set from a Date can read back as …122.999.
    modTime: new Date(Math.round(stats.mtimeMs)),
    isDir,
    contentType: isDir ? "" : contentTypeOf(path),
    metadata: NO_METADATA,
  });
}

/**
 * The lower-case hex digest of a file, read through one reused buffer.
 * @param fs - the confined root
 * @param path - a normalised path known to be a file
 * @param algorithm - an algorithm already checked
 * @param signal - checked between buffers
 */
export async function hashFile(
  fs: ConfinedRoot,
  path: string,
  algorithm: HashAlgorithm,
  signal: AbortSignal | undefined,
): Promise<string> {
  const { fh } = await fs.openRead("hash", path);
  try {
    const hasher = nodeBuiltin("node:crypto").createHash(algorithm);
    const buffer = new Uint8Array(HASH_BUFFER_SIZE);
    for (let position = 0; ; ) {
      const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hasher.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
      signal?.throwIfAborted();
    }
    return hasher.digest("hex");
  } catch (err) {
    throw mapFsError("hash", path, err);
  } finally {
    await fh.close();
  }
}
