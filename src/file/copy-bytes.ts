import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { ConfinedRoot } from "./confined-root.js";

const BUFFER_SIZE = 256 * 1024;
const CREATE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Copies every byte of `from` into `to` through one reused buffer. Descriptors rather than
 * `fs.copyFile`, because the source was opened with the confinement checks and a path-based
 * copy would open it again, following whatever link was swapped in meanwhile.
 */
export async function pump(from: FileHandle, to: FileHandle): Promise<number> {
  const buffer = new Uint8Array(BUFFER_SIZE);
  let total = 0;
  for (;;) {
    const { bytesRead } = await from.read(buffer, 0, BUFFER_SIZE, total);
    if (bytesRead === 0) return total;
    for (let at = 0; at < bytesRead; ) {
      at += (await to.write(buffer, at, bytesRead - at)).bytesWritten;
    }
    total += bytesRead;
  }
}

/** Copies the regular file `src` (a normalised path) to the new file `dstAbs`. */
export async function copyBytes(
  root: ConfinedRoot,
  op: string,
  src: string,
  dstAbs: string,
): Promise<void> {
  const { fh: from } = await root.openRead(op, src);
  try {
    const to = await open(dstAbs, CREATE_FLAGS, 0o666);
    try {
      await pump(from, to);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
