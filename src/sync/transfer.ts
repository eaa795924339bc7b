import { isADirectory } from "../core/errors.js";
import type { WriterOptions } from "../core/types.js";
import { type FileMeta, fullPath, type Side } from "./side.js";

/**
 * Streams one file from the source to the destination through `newWriter`, so the
 * destination sees the whole new file or its old state, never a part: on any failure the
 * writer is aborted. The written file gets the source's modification time, content type and
 * custom metadata (where the source told them).
 *
 * With `clearEmptyDirs`, a destination directory standing where the file goes (what is left
 * after its files were deleted as extras) is removed and the copy retried once, provided it
 * holds no file.
 *
 * @param src - the source side
 * @param dst - the destination side
 * @param rel - the path relative to both folders
 * @param meta - what the source scan learned
 * @param signal - aborts the copy (the writer is aborted with it)
 * @param clearEmptyDirs - remove an empty directory in the way (sync with `deleteExtra`)
 * @returns the bytes written
 */
export async function copyFile(
  src: Side,
  dst: Side,
  rel: string,
  meta: FileMeta,
  signal: AbortSignal | undefined,
  clearEmptyDirs: boolean,
): Promise<number> {
  try {
    return await streamFile(src, dst, rel, meta, signal);
  } catch (err) {
    if (!clearEmptyDirs || !isADirectory(err) || !(await removeEmptyDir(dst, rel, signal))) {
      throw err;
    }
    return streamFile(src, dst, rel, meta, signal);
  }
}

/**
 * Streams one source file to a destination path through `newWriter`, aborting the writer on
 * any failure, so the path holds the whole file or what it held before.
 * @param src - the source side
 * @param dst - the destination side
 * @param rel - the path relative to the source folder
 * @param meta - what the source scan learned
 * @param signal - aborts the copy
 * @param target - the destination path (default: `rel` in the destination folder)
 * @returns the bytes written
 */
export async function streamFile(
  src: Side,
  dst: Side,
  rel: string,
  meta: FileMeta,
  signal: AbortSignal | undefined,
  target = fullPath(dst, rel),
): Promise<number> {
  const reader = await src.backend.newReader(fullPath(src, rel), { signal });
  try {
    const writer = await dst.backend.newWriter(target, writerOptions(meta, signal));
    let bytes = 0;
    try {
      for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) {
        await writer.write(chunk);
        bytes += chunk.length;
      }
      await writer.close();
    } catch (err) {
      await writer.abort(err).catch(() => undefined);
      throw err;
    }
    return bytes;
  } finally {
    await reader.close();
  }
}

function writerOptions(meta: FileMeta, signal: AbortSignal | undefined): WriterOptions {
  const options: WriterOptions = { signal };
  if (meta.modTime !== undefined) options.modTime = new Date(meta.modTime);
  if (meta.contentType) options.contentType = meta.contentType;
  if (meta.metadata && Object.keys(meta.metadata).length > 0) options.metadata = meta.metadata;
  return options;
}

/** Removes the directory at the file's destination path when no file lives below it. */
export async function removeEmptyDir(dst: Side, rel: string, signal: AbortSignal | undefined) {
  const extended = dst.extended;
  if (extended === undefined) return false;
  const path = fullPath(dst, rel);
  const inside = await extended.list(`${path}/`, { signal });
  if (inside.length > 0) return false;
  await extended.rmdir(path, { recursive: true, signal });
  return true;
}
