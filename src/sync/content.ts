import type { HashAlgorithm, Reader } from "../core/types.js";
import { type FileMeta, fullPath, type Side } from "./side.js";

// Cheapest first: any common algorithm tells equal from different as well as the others.
const PREFERENCE: readonly HashAlgorithm[] = ["md5", "sha1", "sha256"];

/**
 * A file's size: from the scan when known, else by reading it through.
 * @param side - where the file is
 * @param rel - its path relative to the side's folder
 * @param meta - what the scan learned
 * @param signal - aborts the read
 */
export async function sizeOf(
  side: Side,
  rel: string,
  meta: FileMeta,
  signal?: AbortSignal,
): Promise<number> {
  if (meta.size !== undefined) return meta.size;
  const reader = await side.backend.newReader(fullPath(side, rel), { signal });
  let size = 0;
  try {
    for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) {
      size += chunk.length;
    }
  } finally {
    await reader.close();
  }
  return size;
}

/**
 * True when two files hold the same bytes: by hash where both sides offer a common algorithm,
 * else by reading both side by side (stopping at the first difference).
 * @param src - the source side
 * @param dst - the destination side
 * @param rel - the path relative to both folders
 * @param signal - aborts the comparison
 */
export async function sameContent(
  src: Side,
  dst: Side,
  rel: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const algorithm = commonHash(src, dst);
  if (algorithm !== undefined && src.extended && dst.extended) {
    const [a, b] = await Promise.all([
      src.extended.hash(fullPath(src, rel), algorithm, { signal }),
      dst.extended.hash(fullPath(dst, rel), algorithm, { signal }),
    ]);
    return a === b;
  }
  return sameBytes(src, dst, rel, signal);
}

function commonHash(src: Side, dst: Side): HashAlgorithm | undefined {
  if (!src.extended || !dst.extended) return undefined;
  const a = src.extended.features().hashes;
  const b = dst.extended.features().hashes;
  return PREFERENCE.find((alg) => a.includes(alg) && b.includes(alg));
}

async function sameBytes(src: Side, dst: Side, rel: string, signal?: AbortSignal) {
  const left = await src.backend.newReader(fullPath(src, rel), { signal });
  let right: Reader;
  try {
    right = await dst.backend.newReader(fullPath(dst, rel), { signal });
  } catch (err) {
    await left.close();
    throw err;
  }
  try {
    return await equalStreams(left, right);
  } finally {
    await Promise.all([left.close(), right.close()]);
  }
}

/** Compares two readers chunk by chunk; their chunk sizes need not line up. */
async function equalStreams(left: Reader, right: Reader): Promise<boolean> {
  let a: Uint8Array | null = new Uint8Array(0);
  let b: Uint8Array | null = new Uint8Array(0);
  let i = 0;
  let j = 0;
  for (;;) {
    // `while`: a reader may hand out empty chunks before its end.
    while (a !== null && i === a.length) {
      a = await left.read();
      i = 0;
    }
    while (b !== null && j === b.length) {
      b = await right.read();
      j = 0;
    }
    if (a === null || b === null) return a === null && b === null;
    const n = Math.min(a.length - i, b.length - j);
    for (let k = 0; k < n; k++) if (a[i + k] !== b[j + k]) return false;
    i += n;
    j += n;
  }
}
