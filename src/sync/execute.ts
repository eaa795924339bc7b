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
}

/**
 * Carries out a plan: deletes the extras in the way, transfers, deletes the other extras,
 * each step `concurrency` files at a time. Per-file failures are collected; once `maxErrors`
 * of them (counting the plan's) are in, nothing new starts. Rejects only when the signal
 * aborts (transfers in flight are aborted with it). In a dry run nothing is changed, but the
 * same counts and progress reports come out (unknown sizes are learned by reading the source).
 *
 * @param plan - what to do
 * @param ctx - how to do it
 */
export async function executePlan(plan: SyncPlan, ctx: ExecuteContext): Promise<Outcome> {
  const { tracker, signal } = ctx;
  const outcome: Outcome = { copied: 0, updated: 0, deleted: 0, errors: [...plan.errors] };
  tracker.errors = outcome.errors.length;
  const canStart = () => !signal?.aborted && outcome.errors.length < ctx.maxErrors;
  const fail = (path: string, op: SyncFileError["op"], error: unknown) => {
    outcome.errors.push({ path, op, error });
    tracker.errors = outcome.errors.length;
  };

  const deleteAll = async (paths: readonly string[]) => {
    if (paths.length === 0) return;
    tracker.report("deleting", paths.length);
    await runPool(
      paths,
      ctx.concurrency,
      async (rel) => {
        tracker.report("deleting", paths.length, rel);
        try {
          if (!ctx.dryRun) await ctx.dst.backend.delete(fullPath(ctx.dst, rel), { signal });
        } catch (error) {
          if (!signal?.aborted) fail(rel, "delete", error);
          return;
        }
        outcome.deleted++;
        tracker.filesDeleted++;
      },
      canStart,
    );
    signal?.throwIfAborted();
  };

  const transfer = async (t: Transfer) => {
    tracker.report("transferring", plan.transfers.length, t.rel);
    let bytes: number;
    try {
      bytes = ctx.dryRun
        ? await sizeOf(ctx.src, t.rel, t.meta, signal)
        : await copyFile(ctx.src, ctx.dst, t.rel, t.meta, signal, ctx.deleteExtra);
    } catch (error) {
      if (!signal?.aborted) fail(t.rel, "copy", error);
      return;
    }
    if (t.update) outcome.updated++;
    else outcome.copied++;
    tracker.filesTransferred++;
    tracker.bytesTransferred += bytes;
  };

  await deleteAll(plan.blockers);
  tracker.totalBytes = plan.transfers.reduce((sum, t) => sum + (t.meta.size ?? 0), 0);
  tracker.report("transferring", plan.transfers.length);
  await runPool(plan.transfers, ctx.concurrency, transfer, canStart);
  signal?.throwIfAborted();
  await deleteAll(plan.deletes);
  return outcome;
}
