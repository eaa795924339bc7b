import { isNotFound } from "../core/errors.js";
import type { PathFilter } from "./filter.js";
import { runPool } from "./pool.js";
import { type FileMeta, fullPath, type Side } from "./side.js";

const UNKNOWN: FileMeta = Object.freeze({});

/**
 * Lists the files of a side's folder that take part, with what `stat` tells about each (where
 * the backend has it). Listing errors reject; a file that vanishes before its `stat` is left
 * out, and one whose `stat` fails otherwise is kept with unknown size and time (it is then
 * compared by content).
 *
 * @param side - the backend and folder
 * @param takesPart - the compiled filter, over paths relative to the folder
 * @param concurrency - most `stat` calls in flight
 * @param signal - aborts the scan
 * @returns relative path → what is known, in list order (sorted)
 */
export async function scanSide(
  side: Side,
  takesPart: PathFilter,
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<Map<string, FileMeta>> {
  const prefix = side.folder === "" ? "" : `${side.folder}/`;
  const listed = await side.backend.list(prefix, { signal });
  const relative: string[] = [];
  for (const path of listed) {
    // A backend of someone else's making might list beyond the prefix; ignore that.
    if (!path.startsWith(prefix) || path.length === prefix.length) continue;
    const rel = path.slice(prefix.length);
    if (takesPart(rel)) relative.push(rel);
  }
  const metas = new Map<string, FileMeta | undefined>(relative.map((rel) => [rel, UNKNOWN]));
  const extended = side.extended;
  if (extended !== undefined) {
    await runPool(
      relative,
      concurrency,
      async (rel) => {
        try {
          const info = await extended.stat(fullPath(side, rel), { signal });
          metas.set(
            rel,
            info.isDir
              ? undefined
              : {
                  size: info.size,
                  modTime: info.modTime.getTime(),
                  contentType: info.contentType,
                  metadata: info.metadata,
                },
          );
        } catch (err) {
          signal?.throwIfAborted();
          if (isNotFound(err)) metas.set(rel, undefined);
        }
      },
      () => !signal?.aborted,
    );
    signal?.throwIfAborted();
  }
  const files = new Map<string, FileMeta>();
  for (const [rel, meta] of metas) if (meta !== undefined) files.set(rel, meta);
  return files;
}
