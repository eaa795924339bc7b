import { isADirectory } from "../core/errors.js";
import { sizeOf } from "./content.js";
import type { Transfer } from "./plan.js";
import { fullPath, type Side } from "./side.js";
import { removeEmptyDir, streamFile } from "./transfer.js";

/** What replacing blocked files needs from the run that carries out the plan. */
export interface BlockedRun {
  readonly src: Side;
  readonly dst: Side;
  readonly signal: AbortSignal | undefined;
  /** Decide and count as a real run would, but change nothing. */
  readonly dryRun: boolean;
  /** Records a per-file failure (`op` defaults to `"copy"`). */
  fail(rel: string, error: unknown, op?: "copy" | "delete"): void;
  /** The extras in the way, relative to the folders. */
  readonly blockers: readonly string[];
  /** Deletes the extras in the way, whatever the signal; resolves true when every one is gone. */
  deleteBlockers(): Promise<boolean>;
  /** Reports the file about to be written. */
  report(rel: string): void;
  /** Counts a file written. */
  transferred(transfer: Transfer, bytes: number): void;
}

let stagingCounter = 0;

/**
 * The blocked files that deleting the extras would not free: a destination folder where the
 * source has a file may also hold files that do not take part (excluded by the filter), which
 * are never deleted. Each such file is failed here, before anything is deleted.
 */
async function stillBlocked(blocked: readonly Transfer[], run: BlockedRun): Promise<Set<string>> {
  const { dst, signal } = run;
  const extras = new Set(run.blockers.map((rel) => fullPath(dst, rel)));
  const stuck = new Set<string>();
  for (const t of blocked) {
    const target = fullPath(dst, t.rel);
    const inside = await dst.backend.list(`${target}/`, { signal });
    const kept = inside.find((path) => !extras.has(path));
    if (kept === undefined) continue;
    stuck.add(t.rel);
    run.fail(
      t.rel,
      new Error(
        `sync ${JSON.stringify(t.rel)}: not copied; the destination folder there holds ${JSON.stringify(kept)}, which does not take part in the sync and is never deleted`,
      ),
    );
  }
  return stuck;
}

/** What {@link replaceBlocked} would do, decided the same way, with nothing changed. */
async function dryRun(blocked: readonly Transfer[], run: BlockedRun): Promise<void> {
  const sizes: number[] = [];
  for (const t of blocked) {
    run.report(t.rel);
    try {
      sizes.push(await sizeOf(run.src, t.rel, t.meta, run.signal));
    } catch (error) {
      run.signal?.throwIfAborted();
      run.fail(t.rel, error);
      for (const other of blocked) if (other !== t) run.fail(other.rel, notCopied(other.rel));
      return;
    }
  }
  await run.deleteBlockers(); // counted, not deleted
  for (const [i, t] of blocked.entries()) run.transferred(t, sizes[i] as number);
}

/**
 * The error recorded for a file that was not written because extras stand in its way and are
 * kept, since some other part of the run failed.
 * @param rel - the file, relative to the folders
 */
export function notCopied(rel: string): Error {
  return new Error(
    `sync ${JSON.stringify(rel)}: not copied; the extra files in its way are kept because other files failed`,
  );
}

/**
 * Writes the files that extras stand in the way of (a destination folder where the source has
 * a file, or a destination file where the source has a folder). Deleting the extras first and
 * then failing to write would lose them, so each new file is first staged under a temporary
 * name in the destination folder; only when every one is staged are the extras deleted, and
 * the staged files are then moved into place. A failed staging deletes nothing. Only a `move`
 * failing after the deletes can still cost the extras. A destination without `move` (a plain
 * Backend) cannot do this safely: there the file is failed and the extras are kept.
 *
 * @param blocked - the blocked transfers, sorted
 * @param run - the run's context and callbacks
 */
export async function replaceBlocked(blocked: readonly Transfer[], run: BlockedRun): Promise<void> {
  const { src, dst, signal } = run;
  const stuck = await stillBlocked(blocked, run);
  if (stuck.size > 0) {
    for (const t of blocked) if (!stuck.has(t.rel)) run.fail(t.rel, notCopied(t.rel));
    return;
  }
  const mover = dst.extended?.features().move ? dst.extended : undefined;
  if (mover === undefined) {
    // Without `move` the file could only be written after the extras are deleted, and a
    // failed write (or a folder the backend cannot remove) would then cost them: refuse.
    for (const t of blocked) {
      run.fail(
        t.rel,
        new Error(
          `sync ${JSON.stringify(t.rel)}: not copied; extra files stand in its way and the destination cannot move a file into place, so they are kept (delete them, then sync again)`,
        ),
      );
    }
    return;
  }
  if (run.dryRun) return dryRun(blocked, run);
  const token = `${Date.now().toString(36)}-${(stagingCounter++).toString(36)}`;
  const staged: { t: Transfer; temp: string; bytes: number }[] = [];
  const tempName = (i: number) => `.omnistorage-sync-${token}-${i}`;
  // A staged file that cannot be removed (the delete fails too) is reported, never hidden.
  const removeTemp = (i: number) =>
    mover
      .delete(fullPath(dst, tempName(i)))
      .catch((error) => run.fail(tempName(i), error, "delete"));
  const discard = () => Promise.all(staged.map((_, i) => removeTemp(i)));
  let failed = -1;
  for (const [i, t] of blocked.entries()) {
    const temp = fullPath(dst, tempName(i));
    run.report(t.rel);
    try {
      staged.push({ t, temp, bytes: await streamFile(src, dst, t.rel, t.meta, signal, temp) });
    } catch (error) {
      failed = i;
      if (!signal?.aborted) run.fail(t.rel, error);
      break;
    }
  }
  // The commit (delete the extras in the way, move the staged files in) is short and is not
  // cut by the signal: an abort halfway through it would have deleted extras for nothing.
  if (failed >= 0 || signal?.aborted || !(await run.deleteBlockers())) {
    await discard();
    signal?.throwIfAborted();
    for (const [i, t] of blocked.entries()) if (i !== failed) run.fail(t.rel, notCopied(t.rel));
    return;
  }
  for (const [i, { t, temp, bytes }] of staged.entries()) {
    const target = fullPath(dst, t.rel);
    try {
      try {
        await mover.move(temp, target);
      } catch (err) {
        // The extras' folder may be left empty where the file goes: remove it, then retry.
        if (!isADirectory(err) || !(await removeEmptyDir(dst, t.rel, undefined))) throw err;
        await mover.move(temp, target);
      }
      run.transferred(t, bytes);
    } catch (error) {
      run.fail(t.rel, error);
      await removeTemp(i);
    }
  }
}
