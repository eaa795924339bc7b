/** Which files take part: globs relative to the synced folder. @public */
export interface SyncFilter {
  /**
   * Only files matching at least one of these take part (default: all). A pattern without `/`
   * matches the file name at any depth (`*.json`); one with `/` matches the whole relative
   * path (`docs/**\/*.md`; a leading `/` only anchors); a trailing `/` means a directory and
   * everything below it (`cache/`).
   */
  include?: string | readonly string[];
  /** Files matching any of these never take part: never copied, compared nor deleted. Wins over `include`. */
  exclude?: string | readonly string[];
}

/** How two files are judged equal; shared by `sync`, `copyDir` and `check`. @public */
export interface CompareOptions {
  /** Compare contents (hashes where both sides have a common algorithm, else the bytes) instead of modification times. */
  checksum?: boolean;
  /** Compare sizes alone. */
  sizeOnly?: boolean;
  /** Do not compare sizes. */
  ignoreSize?: boolean;
  /** Do not compare modification times. */
  ignoreTime?: boolean;
  /** Which files take part. */
  filter?: SyncFilter;
  /** Aborting rejects with `signal.reason`; transfers in flight are aborted and leave nothing behind. */
  signal?: AbortSignal;
}

/**
 * The phases of a sync, in order: `"scanning"` (listing both sides), `"comparing"`,
 * `"transferring"`, `"deleting"` (only with `deleteExtra`, and only when every transfer
 * worked), `"done"`. A file that extra destination files stand in the way of (files inside a
 * folder where the source has a file, or a file where the source has a folder) is transferred
 * last, staged under a temporary name; those extras are deleted in a `"deleting"` phase just
 * before the staged files are moved into place.
 * @public
 */
export type SyncPhase = "scanning" | "comparing" | "deleting" | "transferring" | "done";

/** A progress report, handed to {@link SyncOptions.progress}. @public */
export interface SyncProgress {
  /** The phase the sync is in. */
  readonly phase: SyncPhase;
  /** The file about to be deleted or transferred (relative to its folder). */
  readonly currentFile?: string;
  /** Files transferred so far. */
  readonly filesTransferred: number;
  /** Files the current phase has to handle (files to compare, to delete, to transfer). */
  readonly totalFiles: number;
  /** Bytes transferred so far. */
  readonly bytesTransferred: number;
  /** Bytes to transfer in all (as far as sizes are known). */
  readonly totalBytes: number;
  /** Files deleted so far. */
  readonly filesDeleted: number;
  /** Errors so far. */
  readonly errors: number;
}

/** Options of {@link sync}. @public */
export interface SyncOptions extends CompareOptions {
  /** Delete destination files that have no source counterpart (excluded files are kept). */
  deleteExtra?: boolean;
  /** Report what would be done, change nothing. */
  dryRun?: boolean;
  /** Never touch a file that exists at the destination, whatever its content. */
  ignoreExisting?: boolean;
  /** Transfers (and comparisons) in flight at once; default 4. */
  concurrency?: number;
  /** Stop starting new transfers and deletions after this many errors; unset or 0: no limit. */
  maxErrors?: number;
  /** Called with a report at each phase and before each file. */
  progress?: (progress: SyncProgress) => void;
}

/** Options of {@link check}. @public */
export type CheckOptions = CompareOptions;

/** An operation that failed on one file. @public */
export interface SyncFileError {
  /** The file, relative to its folder. */
  readonly path: string;
  /** `"copy"`, `"delete"` or `"compare"`. */
  readonly op: "copy" | "delete" | "compare";
  /** What the backend threw. */
  readonly error: unknown;
}

/** What {@link sync} did (or, in a dry run, would do). @public */
export interface SyncResult {
  /** New files written at the destination. */
  readonly copied: number;
  /** Existing destination files overwritten. */
  readonly updated: number;
  /** Extra destination files deleted. */
  readonly deleted: number;
  /** Source files left alone (already equal, or existing with `ignoreExisting`). */
  readonly skipped: number;
  /** Per-file failures, sorted by path. */
  readonly errors: readonly SyncFileError[];
  /** Bytes written (in a dry run: that would be written). */
  readonly bytesTransferred: number;
  /** Wall time of the whole sync. */
  readonly durationMs: number;
  /** True when nothing was changed on purpose. */
  readonly dryRun: boolean;
  /** True when `errors` is empty. */
  readonly success: boolean;
  /**
   * True when `deleteExtra` found extra destination files but deleted none of them (or not all
   * of those in the way of a transfer) because a transfer or comparison failed: as rclone
   * does, a run that is not fully successful never deletes, so a failure never costs a file.
   * Always false without `deleteExtra` and in `copyDir`.
   */
  readonly deletesSkipped: boolean;
}

/** What {@link check} found; every list is sorted. @public */
export interface CheckResult {
  /** Files on both sides that are equal. */
  readonly match: readonly string[];
  /** Files on both sides that differ. */
  readonly differ: readonly string[];
  /** Files only in the source folder. */
  readonly srcOnly: readonly string[];
  /** Files only in the destination folder. */
  readonly dstOnly: readonly string[];
  /** Files that could not be compared. */
  readonly errors: readonly SyncFileError[];
  /** True when `differ`, `srcOnly`, `dstOnly` and `errors` are all empty. */
  readonly inSync: boolean;
}
