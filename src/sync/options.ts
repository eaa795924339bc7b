import { compileFilter, type PathFilter } from "./filter.js";
import type { SyncOptions } from "./types.js";

/** Transfers in flight when `concurrency` is not given (as in the Go original). */
export const DEFAULT_CONCURRENCY = 4;

/** Options after validation, with defaults filled in. */
export interface ResolvedOptions {
  readonly concurrency: number;
  /** `Infinity` when unlimited. */
  readonly maxErrors: number;
  readonly takesPart: PathFilter;
}

/**
 * Validates the numeric options and compiles the filter; bad values throw a `RangeError` or
 * `TypeError` naming the operation and the option, before anything is touched.
 * @param op - `sync`, `copyDir` or `check`
 * @param options - as the caller gave them
 */
export function resolveOptions(op: string, options: SyncOptions): ResolvedOptions {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${op}: options must be an object`);
  }
  const { concurrency = DEFAULT_CONCURRENCY, maxErrors = 0, progress } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`${op}: concurrency must be a positive integer, got ${concurrency}`);
  }
  if (!Number.isInteger(maxErrors) || maxErrors < 0) {
    throw new RangeError(`${op}: maxErrors must be a non-negative integer, got ${maxErrors}`);
  }
  if (progress !== undefined && typeof progress !== "function") {
    throw new TypeError(`${op}: progress must be a function`);
  }
  return {
    concurrency,
    maxErrors: maxErrors === 0 ? Number.POSITIVE_INFINITY : maxErrors,
    takesPart: compileFilter(options.filter),
  };
}
