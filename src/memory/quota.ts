import { QuotaExceededError } from "../core/errors.js";

/**
 * Checks the `quota` option: a non-negative number of bytes (`Infinity` allowed), or unset.
 * @param quota - the option as given
 * @returns the quota, `undefined` when unlimited
 */
export function checkQuotaOption(quota: unknown): number | undefined {
  if (quota === undefined || quota === Number.POSITIVE_INFINITY) return undefined;
  if (typeof quota !== "number" || !(quota >= 0)) {
    throw new TypeError(
      `MemoryBackend: quota must be a non-negative number of bytes, got ${String(quota)}`,
    );
  }
  return quota;
}

/**
 * The error of an operation that would take the store to `total` bytes, past `quota`.
 * @param op - the operation (`write`, `close`, `copy`, `load`)
 * @param path - the path written
 * @param total - what the store would hold
 * @param quota - the limit
 */
export function quotaExceeded(
  op: string,
  path: string,
  total: number,
  quota: number,
): QuotaExceededError {
  return new QuotaExceededError(op, path, {
    message: `${op} ${JSON.stringify(path)}: quota exceeded (the store would hold ${total} bytes, quota is ${quota})`,
  });
}
