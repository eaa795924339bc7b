import {
  InvalidPathError,
  isADirectory,
  isNotFound,
  NotADirectoryError,
  NotFoundError,
} from "../core/errors.js";
import { locate, overlaps } from "../core/same-store.js";
import type { Side } from "./side.js";

/**
 * The checks that keep a mistake from losing data, made before anything changes: the two
 * folders must not overlap on one store (the same folder, or one inside the other), and the
 * source folder must exist and be a folder. A typo in `srcPath` would otherwise scan as an
 * empty folder and let `deleteExtra` empty the destination.
 *
 * @param op - `sync`, `copyDir` or `check`, named in the errors
 * @param src - the source side
 * @param dst - the destination side
 * @param signal - aborts the checks
 * @throws `InvalidPathError` for overlapping folders, `NotFoundError` for a missing source
 *   folder, `NotADirectoryError` for a source that is a file
 */
export async function preflight(
  op: string,
  src: Side,
  dst: Side,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (overlaps(locate(src.backend, src.folder), locate(dst.backend, dst.folder))) {
    throw new InvalidPathError(op, dst.folder, {
      message:
        `${op} ${JSON.stringify(src.folder)} → ${JSON.stringify(dst.folder)}: the folders overlap on one backend ` +
        "(the same folder, or one inside the other), so the run would change its own source; " +
        "sync between folders that do not contain each other",
    });
  }
  if (src.folder === "") return; // the whole backend always exists
  await checkSourceFolder(op, src, signal);
}

/**
 * Resolves when the source folder is a folder; rejects when it is missing or a file. Where the
 * backend has `stat` it decides; a plain backend is asked `exists`, then a reader tells a file
 * (it opens) from a folder (`IsADirectoryError`). A folder that only exists as the prefix of
 * listed files (object stores without directories) counts as a folder.
 */
async function checkSourceFolder(op: string, src: Side, signal: AbortSignal | undefined) {
  const { folder, backend, extended } = src;
  const missing = async (cause?: unknown) => {
    if ((await backend.list(`${folder}/`, { signal })).length > 0) return;
    throw new NotFoundError(op, folder, {
      cause,
      message: `${op} ${JSON.stringify(folder)}: the source folder does not exist (nothing was changed)`,
    });
  };
  const notAFolder = () =>
    new NotADirectoryError(op, folder, {
      message: `${op} ${JSON.stringify(folder)}: the source is a file, not a folder (nothing was changed)`,
    });
  if (extended !== undefined) {
    let isDir: boolean;
    try {
      isDir = (await extended.stat(folder, { signal })).isDir;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return missing(err);
    }
    if (!isDir) throw notAFolder();
    return;
  }
  if (!(await backend.exists(folder, { signal }))) return missing();
  let reader: Awaited<ReturnType<typeof backend.newReader>>;
  try {
    reader = await backend.newReader(folder, { signal });
  } catch (err) {
    if (isADirectory(err)) return;
    if (isNotFound(err)) return missing(err);
    throw err;
  }
  await reader.close();
  throw notAFolder();
}
