import { ancestorsOf } from "../core/paths.js";
import { filesEqual } from "./compare.js";
import { runPool } from "./pool.js";
import type { FileMeta, Side } from "./side.js";
import type { SyncFileError, SyncOptions } from "./types.js";

/** One file to write at the destination. */
export interface Transfer {
  /** Path relative to both folders. */
  readonly rel: string;
  /** What the source scan learned about it. */
  readonly meta: FileMeta;
  /** True when it overwrites an existing destination file. */
  readonly update: boolean;
}

/** What a sync will do, decided before anything changes. */
export interface SyncPlan {
  /** Files to write, sorted. */
  readonly transfers: readonly Transfer[];
  /** Transfers that {@link SyncPlan.blockers} stand in the way of, sorted. */
  readonly blocked: readonly Transfer[];
  /** Extra destination files in the way of a transfer: deleted just before those transfers. */
  readonly blockers: readonly string[];
  /** The other extra destination files: deleted after the transfers. */
  readonly deletes: readonly string[];
  /** Source files already equal at the destination (or kept by `ignoreExisting`). */
  readonly skipped: number;
  /** Files whose comparison failed (they are neither transferred nor skipped). */
  readonly errors: readonly SyncFileError[];
}

/**
 * Compares the two scans and decides what to transfer and delete. Comparisons that need I/O
 * (sizes or contents a side cannot `stat`, checksums) run `concurrency` at a time.
 *
 * @param src - the source side
 * @param dst - the destination side
 * @param srcFiles - the source scan
 * @param dstFiles - the destination scan
 * @param options - the sync options
 * @param concurrency - comparisons in flight
 */
export async function planSync(
  src: Side,
  dst: Side,
  srcFiles: ReadonlyMap<string, FileMeta>,
  dstFiles: ReadonlyMap<string, FileMeta>,
  options: SyncOptions,
  concurrency: number,
): Promise<SyncPlan> {
  const errors: SyncFileError[] = [];
  const verdicts = new Map<string, "new" | "update" | "skip">();
  const common: string[] = [];
  for (const rel of srcFiles.keys()) {
    if (!dstFiles.has(rel)) verdicts.set(rel, "new");
    else if (options.ignoreExisting) verdicts.set(rel, "skip");
    else common.push(rel);
  }
  await runPool(
    common,
    concurrency,
    async (rel) => {
      try {
        const equal = await filesEqual(
          src,
          dst,
          rel,
          srcFiles.get(rel) as FileMeta,
          dstFiles.get(rel) as FileMeta,
          options,
        );
        verdicts.set(rel, equal ? "skip" : "update");
      } catch (error) {
        if (options.signal?.aborted) return;
        errors.push({ path: rel, op: "compare", error });
      }
    },
    () => !options.signal?.aborted,
  );
  options.signal?.throwIfAborted();

  const transfers: Transfer[] = [];
  let skipped = 0;
  // Walk the source scan again so transfers keep its sorted order.
  for (const [rel, meta] of srcFiles) {
    const verdict = verdicts.get(rel);
    if (verdict === "skip") skipped++;
    else if (verdict !== undefined) transfers.push({ rel, meta, update: verdict === "update" });
  }
  const extras = options.deleteExtra ? [...dstFiles.keys()].filter((r) => !srcFiles.has(r)) : [];
  const { blocking, blocked } = blockersOf(transfers, extras);
  return {
    transfers: transfers.filter((t) => !blocked.has(t.rel)),
    blocked: transfers.filter((t) => blocked.has(t.rel)),
    blockers: extras.filter((rel) => blocking.has(rel)),
    deletes: extras.filter((rel) => !blocking.has(rel)),
    skipped,
    errors,
  };
}

/**
 * Extras that make a transfer impossible until they are gone: a file where the source has a
 * folder (`a` blocks `a/b`), or files inside a folder where the source has a file (`a/b`
 * blocks `a`); and the transfers they block.
 */
function blockersOf(transfers: readonly Transfer[], extras: readonly string[]) {
  const blocking = new Set<string>();
  const blocked = new Set<string>();
  if (extras.length === 0 || transfers.length === 0) return { blocking, blocked };
  const extraSet = new Set(extras);
  const targets = new Set(transfers.map((t) => t.rel));
  for (const { rel } of transfers) {
    for (const dir of ancestorsOf(rel)) {
      if (extraSet.has(dir)) {
        blocking.add(dir);
        blocked.add(rel);
      }
    }
  }
  for (const extra of extras) {
    for (const dir of ancestorsOf(extra)) {
      if (targets.has(dir)) {
        blocking.add(extra);
        blocked.add(dir);
      }
    }
  }
  return { blocking, blocked };
}
