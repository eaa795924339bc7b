import { notCopied, replaceBlocked } from "./blocked.js";
import { sizeOf } from "./content.js";
import type { SyncPlan, Transfer } from "./plan.js";
import { runPool } from "./pool.js";
import type { ProgressTracker } from "./progress.js";
import { fullPath, type Side } from "./side.js";
import { copyFile } from "./transfer.js";
import type { SyncFileError } from "./types.js";

/** What carrying out a plan needs. */
export interface ExecuteContext {
  readonly src: Side;
  readonly dst: Side;
  readonly dryRun: boolean;
  readonly deleteExtra: boolean;
  readonly concurrency: number;
  /** `Infinity` when unlimited. */
  readonly maxErrors: number;
  readonly signal: AbortSignal | undefined;
  readonly tracker: ProgressTracker;
}

/** What carrying out a plan did. */
export interface Outcome {
  copied: number;
  updated: number;
  deleted: number;
  errors: SyncFileError[];
  /** True when extras were due for deletion and kept because something failed. */
  deletesSkipped: boolean;
}

/**
 * Carries out a plan: the transfers nothing stands in the way of, then (only if all of them
 * worked) the transfers that extras stand in the way of, then (only if everything worked) the
 * deletes of the other extras, each step `concurrency` files at a time. Once anything has
 * failed, no extra is deleted, as rclone does: a partial run never costs a file.
 * Per-file failures are collected; once `maxErrors` of them (counting the plan's) are in,
 * nothing new starts. Rejects only when the signal aborts (transfers in flight are aborted
 * with it). In a dry run nothing is changed, but the same counts and progress reports come out
 * (unknown sizes are learned by reading the source).
 *
 * @param plan - what to do
 * @param ctx - how to do it
 */
export async function executePlan(plan: SyncPlan, ctx: ExecuteContext): Promise<Outcome> {
  const { tracker, signal } = ctx;
  const outcome: Outcome = {
    copied: 0,
    updated: 0,
    deleted: 0,
    errors: [...plan.errors],
    deletesSkipped: false,
  };
  tracker.errors = outcome.errors.length;
  const canStart = () => !signal?.aborted && outcome.errors.length < ctx.maxErrors;
  const fail = (path: string, op: SyncFileError["op"], error: unknown) => {
    outcome.errors.push({ path, op, error });
    tracker.errors = outcome.errors.length;
  };
  const transferred = (t: Transfer, bytes: number) => {
    if (t.update) outcome.updated++;
    else outcome.copied++;
    tracker.filesTransferred++;
    tracker.bytesTransferred += bytes;
  };

  /**
   * Deletes extras; resolves true when every one is gone. `abortable: false` ignores the
   * signal (the commit of files that replace extras in their way).
   */
  const deleteAll = async (paths: readonly string[], abortable = true): Promise<boolean> => {
    if (paths.length === 0) return true;
    const cut = abortable ? signal : undefined;
    const before = outcome.errors.length;
    tracker.report("deleting", paths.length);
    await runPool(
      paths,
      ctx.concurrency,
      async (rel) => {
        tracker.report("deleting", paths.length, rel);
        try {
          if (!ctx.dryRun) await ctx.dst.backend.delete(fullPath(ctx.dst, rel), { signal: cut });
        } catch (error) {
          if (!cut?.aborted) fail(rel, "delete", error);
          return;
        }
        outcome.deleted++;
        tracker.filesDeleted++;
      },
      abortable ? canStart : () => true,
    );
    cut?.throwIfAborted();
    return outcome.errors.length === before && outcome.deleted >= paths.length;
  };

  const all = [...plan.transfers, ...plan.blocked];
  const transfer = async (t: Transfer) => {
    tracker.report("transferring", all.length, t.rel);
    try {
      transferred(
        t,
        ctx.dryRun
          ? await sizeOf(ctx.src, t.rel, t.meta, signal)
          : await copyFile(ctx.src, ctx.dst, t.rel, t.meta, signal, ctx.deleteExtra),
      );
    } catch (error) {
      if (!signal?.aborted) fail(t.rel, "copy", error);
    }
  };

  tracker.totalBytes = all.reduce((sum, t) => sum + (t.meta.size ?? 0), 0);
  tracker.report("transferring", all.length);
  await runPool(plan.transfers, ctx.concurrency, transfer, canStart);
  signal?.throwIfAborted();

  const hasExtras = plan.blockers.length > 0 || plan.deletes.length > 0;
  if (outcome.errors.length > 0) {
    for (const t of plan.blocked) fail(t.rel, "copy", notCopied(t.rel));
    outcome.deletesSkipped = hasExtras;
    return outcome;
  }
  if (plan.blocked.length > 0) {
    await replaceBlocked(plan.blocked, {
      src: ctx.src,
      dst: ctx.dst,
      signal,
      dryRun: ctx.dryRun,
      fail: (rel, error, op = "copy") => fail(rel, op, error),
      blockers: plan.blockers,
      deleteBlockers: () => deleteAll(plan.blockers, false),
      report: (rel) => tracker.report("transferring", all.length, rel),
      transferred,
    });
    signal?.throwIfAborted();
    if (outcome.errors.length > 0) {
      outcome.deletesSkipped = plan.deletes.length > 0 || outcome.deleted < plan.blockers.length;
      return outcome;
    }
  }
  await deleteAll(plan.deletes);
  return outcome;
}
