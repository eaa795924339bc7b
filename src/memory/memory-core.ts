import { BackendGate } from "../core/backend-gate.js";
import { contentTypeOf } from "../core/content-type.js";
import { IsADirectoryError, NotFoundError } from "../core/errors.js";
import { describe, isDate } from "../core/options.js";
import type { ObjectInfo, WriterOptions } from "../core/types.js";
import { type FileEntry, infoOf, NO_METADATA } from "./entries.js";
import { type FaultOp, type FaultSet, sleep } from "./faults.js";
import { Journal, type JournalOp } from "./journal.js";
import { checkQuotaOption, quotaExceeded } from "./quota.js";
import { MemoryStore } from "./store.js";

/** Options of {@link MemoryBackend}. @public */
export interface MemoryBackendOptions {
  /** Where modification times come from (default: the system clock), for deterministic tests. */
  clock?: () => Date;
  /**
   * Most bytes the store may hold (file contents; directories are free). A write, copy or
   * load that would take it further fails with `QuotaExceededError` and stores nothing.
   * Overwriting a file counts the new size net of the old one.
   */
  quota?: number;
}

/**
 * What every part of one memory backend shares: the store and the rules around it (closed,
 * aborted, clock, quota, injected faults, journal). The backend's operations and its
 * reader/writer host both work through it.
 */
export class MemoryCore {
  store = new MemoryStore();
  readonly journal = new Journal();
  /** Closed before the arguments, then the path, then the signal: the rule of every backend. */
  readonly gate = new BackendGate();
  faults: FaultSet | undefined;
  readonly #clock: (() => Date) | undefined;
  readonly #quota: number | undefined;

  /** @param options - `clock`, `quota`, checked here */
  constructor(options: MemoryBackendOptions) {
    const { clock, quota } = options;
    if (clock !== undefined && typeof clock !== "function") {
      throw new TypeError(
        `MemoryBackend: clock must be a function returning a Date, got ${describe(clock)}`,
      );
    }
    this.#clock = clock;
    this.#quota = checkQuotaOption(quota);
  }

  /** The quota in bytes, `undefined` when unlimited. */
  get quota(): number | undefined {
    return this.#quota;
  }

  /** True once the backend was closed. */
  get closed(): boolean {
    return this.gate.closed;
  }

  /** The time now, from the clock option; throws (naming `clock`) when it gives no valid Date. */
  now(): number {
    const clock = this.#clock;
    if (clock === undefined) return Date.now();
    const date: unknown = clock();
    if (!isDate(date)) {
      throw new TypeError(`MemoryBackend: clock must return a Date, got ${describe(date)}`);
    }
    const time = date.getTime();
    if (!Number.isFinite(time))
      throw new RangeError("MemoryBackend: clock returned an invalid Date");
    return time;
  }

  /** The file at `path`; `NotFoundError` when missing, `IsADirectoryError` for a directory. */
  file(op: string, path: string): FileEntry {
    const entry = this.store.get(path);
    if (!entry) throw new NotFoundError(op, path);
    if (entry.dir) throw new IsADirectoryError(op, path);
    return entry;
  }

  /** What `stat` reports about `path`; `NotFoundError` when missing. */
  info(path: string): ObjectInfo {
    const entry = this.store.get(path);
    if (!entry) throw new NotFoundError("stat", path);
    return infoOf(path, entry);
  }

  /** A new file entry for `path` as a writer's options describe it, modified `now`. */
  entry(
    path: string,
    data: FileEntry["data"],
    size: number,
    options: WriterOptions,
    now?: number,
  ): FileEntry {
    return {
      dir: false,
      data,
      size,
      modTime: options.modTime ? options.modTime.getTime() : (now ?? this.now()),
      contentType: options.contentType ?? contentTypeOf(path),
      // Writers' options were checked and copied at newWriter (checkWriterOptions).
      metadata: options.metadata ?? NO_METADATA,
    };
  }

  /** Throws when storing `size` bytes at `path` (replacing what is there) passes the quota. */
  checkQuota(op: string, path: string, size: number): void {
    const quota = this.#quota;
    if (quota === undefined) return;
    const old = this.store.get(path);
    const total = this.store.bytes - (old && !old.dir ? old.size : 0) + size;
    if (total > quota) throw quotaExceeded(op, path, total, quota);
  }

  /** Runs `change` on the store and undoes it when it takes the store past the quota. */
  withinQuota(op: string, path: string, change: () => void): void {
    const quota = this.#quota;
    if (quota === undefined) {
      change();
      return;
    }
    const before = this.store.freeze();
    try {
      change();
      const total = this.store.bytes;
      if (total > quota) throw quotaExceeded(op, path, total, quota);
    } catch (err) {
      this.store.restore(before);
      throw err;
    }
  }

  /**
   * Applies the faults matching a call (only when some are registered, so the common path
   * pays one property test): throws, or returns a promise when the call must wait first
   * (re-checking closed and aborted after the wait).
   */
  fault(op: FaultOp, path: string, dst: string | undefined, signal: AbortSignal | undefined) {
    if (!this.faults?.size) return undefined;
    const outcome = this.faults.consume(op, path, dst);
    if (outcome === undefined) return undefined;
    const { delayMs, error } = outcome;
    if (delayMs > 0) {
      return sleep(delayMs, signal).then(() => {
        this.gate.check(op, path, signal);
        if (error !== undefined) throw error;
      });
    }
    if (error !== undefined) throw error;
    return undefined;
  }

  /**
   * The shape of every one-path operation: normalise and check (then `validate`, for option
   * checks that come before faults), apply faults, do the work, and journal the outcome
   * either way.
   */
  async run<T>(
    op: FaultOp & JournalOp,
    path: string,
    signal: AbortSignal | undefined,
    work: (p: string) => T,
    validate?: (p: string) => void,
  ): Promise<T> {
    let p = path;
    try {
      p = this.gate.enter(op, path, signal);
      validate?.(p);
      const wait = this.fault(op, p, undefined, signal);
      if (wait) await wait;
      const result = work(p);
      this.journal.ok(op, p);
      return result;
    } catch (err) {
      this.journal.error(op, p, err);
      throw err;
    }
  }
}
