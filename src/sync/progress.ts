import type { SyncPhase, SyncProgress } from "./types.js";

/** Running totals of a sync, reported to the caller's `progress` callback as snapshots. */
export class ProgressTracker {
  filesTransferred = 0;
  bytesTransferred = 0;
  totalBytes = 0;
  filesDeleted = 0;
  errors = 0;
  readonly #callback: ((progress: SyncProgress) => void) | undefined;

  /** @param callback - the caller's `progress` option */
  constructor(callback: ((progress: SyncProgress) => void) | undefined) {
    this.#callback = callback;
  }

  /**
   * Reports the current totals.
   * @param phase - the phase under way
   * @param totalFiles - files the phase has to handle
   * @param currentFile - the file about to be handled, if any
   */
  report(phase: SyncPhase, totalFiles: number, currentFile?: string): void {
    if (this.#callback === undefined) return;
    const snapshot: SyncProgress = {
      phase,
      ...(currentFile === undefined ? {} : { currentFile }),
      filesTransferred: this.filesTransferred,
      totalFiles,
      bytesTransferred: this.bytesTransferred,
      totalBytes: this.totalBytes,
      filesDeleted: this.filesDeleted,
      errors: this.errors,
    };
    this.#callback(Object.freeze(snapshot));
  }
}
