import type { Backend } from "../core/types.js";
import { executePlan } from "./execute.js";
import { resolveOptions } from "./options.js";
import { planSync } from "./plan.js";
import { preflight } from "./preflight.js";
import { ProgressTracker } from "./progress.js";
import { scanSide } from "./scan.js";
import { sideOf } from "./side.js";
import { sortErrors } from "./sort-errors.js";
import type { SyncOptions, SyncResult } from "./types.js";

/**
 * Makes the folder `dstPath` of `dst` hold what the folder `srcPath` of `src` holds: new files
 * are copied, changed ones updated, equal ones skipped, and with `deleteExtra` files the source
 * lacks are deleted. Works between any two backends; `stat` and `hash` are used where a side
 * is an `ExtendedBackend`, content is read where it is not.
 *
 * Folders are folders: `"data"` covers `data/…`, never `database.txt`; `""`, `"/"` and `"."`
 * are the whole backend. Each written file gets the source's modification time, so a second
 * sync finds nothing to do. A file whose copy fails is never left half-written (writes go
 * through `newWriter`, aborted on failure).
 *
 * Nothing is lost to a mistake: before anything changes, it rejects with `InvalidPathError`
 * when the two folders overlap on one backend (the same folder, or one inside the other),
 * with `NotFoundError` when `srcPath` does not exist and with `NotADirectoryError` when it is
 * a file. When any transfer or comparison fails, no extra is deleted (`deletesSkipped`).
 *
 * Resolves with `success: false` when some files failed (see `errors`); rejects only for the
 * mistakes above, when listing fails, an option is invalid, or `signal` aborts (with
 * `signal.reason`).
 *
 * @param src - where to read
 * @param dst - where to write
 * @param srcPath - the source folder (`""`, `"/"` or `"."`: everything); must exist
 * @param dstPath - the destination folder (`""`, `"/"` or `"."`: everything)
 * @param options - see {@link SyncOptions}
 * @returns counts, errors and timing; paths in it are relative to the folders
 * @example
 * ```ts
 * const result = await sync(disk, memory, "fixtures", "", { deleteExtra: true });
 * if (!result.success) console.error(result.errors);
 * ```
 * @public
 */
export async function sync(
  src: Backend,
  dst: Backend,
  srcPath: string,
  dstPath: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
  return run("sync", src, dst, srcPath, dstPath, options);
}

/**
 * {@link sync} without deletes: copies new and changed files, never removes any. Refuses
 * overlapping folders and a missing or file `srcPath` the same way, before anything changes.
 * @param src - where to read
 * @param dst - where to write
 * @param srcPath - the source folder (`""`: everything)
 * @param dstPath - the destination folder (`""`: everything)
 * @param options - the options of {@link sync} but `deleteExtra`
 * @public
 */
export async function copyDir(
  src: Backend,
  dst: Backend,
  srcPath: string,
  dstPath: string,
  options: Omit<SyncOptions, "deleteExtra"> = {},
): Promise<SyncResult> {
  return run("copyDir", src, dst, srcPath, dstPath, { ...options, deleteExtra: false });
}

async function run(
  op: string,
  src: Backend,
  dst: Backend,
  srcPath: string,
  dstPath: string,
  options: SyncOptions,
): Promise<SyncResult> {
  const started = performance.now();
  const { concurrency, maxErrors, takesPart } = resolveOptions(op, options);
  const srcSide = sideOf(op, src, srcPath);
  const dstSide = sideOf(op, dst, dstPath);
  const { signal } = options;
  signal?.throwIfAborted();
  await preflight(op, srcSide, dstSide, signal);
  const dryRun = options.dryRun === true;
  const tracker = new ProgressTracker(options.progress);

  tracker.report("scanning", 0);
  const [srcFiles, dstFiles] = await Promise.all([
    scanSide(srcSide, takesPart, concurrency, signal),
    scanSide(dstSide, takesPart, concurrency, signal),
  ]);
  tracker.report("comparing", srcFiles.size);
  const plan = await planSync(srcSide, dstSide, srcFiles, dstFiles, options, concurrency);
  const outcome = await executePlan(plan, {
    src: srcSide,
    dst: dstSide,
    dryRun,
    deleteExtra: options.deleteExtra === true,
    concurrency,
    maxErrors,
    signal,
    tracker,
  });
  tracker.report("done", plan.transfers.length + plan.blocked.length);
  const errors = sortErrors(outcome.errors);
  return {
    copied: outcome.copied,
    updated: outcome.updated,
    deleted: outcome.deleted,
    skipped: plan.skipped,
    errors,
    bytesTransferred: tracker.bytesTransferred,
    durationMs: performance.now() - started,
    dryRun,
    success: errors.length === 0,
    deletesSkipped: outcome.deletesSkipped,
  };
}
