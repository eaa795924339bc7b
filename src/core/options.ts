import type { WriterOptions } from "./types.js";

/** Shared by every file stored without metadata. */
export const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The options of `newWriter`, checked and made the writer's own, by every backend alike: a bad
 * option fails `newWriter` (not a later `close()`) with a `TypeError` or `RangeError` naming it,
 * and mutating the caller's `metadata` object afterwards changes nothing.
 * @param path - the normalised path, named in the error
 * @param options - as the caller gave them
 * @returns `contentType` and `signal` as given; `modTime` as a copy (a Date of this realm);
 *   `metadata` as a frozen copy ({@link NO_METADATA} when none)
 */
export function checkWriterOptions(path: string, options: WriterOptions): WriterOptions {
  const { contentType, modTime, metadata, signal } = options;
  checkSignal("newWriter", path, signal);
  if (contentType !== undefined && typeof contentType !== "string") {
    throw new TypeError(
      `newWriter ${JSON.stringify(path)}: contentType must be a string, got ${describe(contentType)}`,
    );
  }
  if (modTime !== undefined) {
    if (!isDate(modTime)) {
      throw new TypeError(
        `newWriter ${JSON.stringify(path)}: modTime must be a Date, got ${describe(modTime)}`,
      );
    }
    if (!Number.isFinite(modTime.getTime())) {
      throw new RangeError(`newWriter ${JSON.stringify(path)}: modTime is an invalid Date`);
    }
  }
  // A copy, like metadata: setTime() on the caller's Date before close() changes nothing.
  const ownModTime = modTime === undefined ? undefined : new Date(modTime.getTime());
  return { contentType, modTime: ownModTime, metadata: copyMetadata(path, metadata), signal };
}

function copyMetadata(
  path: string,
  metadata: WriterOptions["metadata"],
): Readonly<Record<string, string>> {
  if (metadata === undefined) return NO_METADATA;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new TypeError(
      `newWriter ${JSON.stringify(path)}: metadata must be a record of strings, got ${describe(metadata)}`,
    );
  }
  // Spread defines own properties, so keys such as `__proto__` stay ordinary keys.
  const copy: Record<string, string> = { ...metadata };
  for (const key of Object.keys(copy)) {
    if (typeof copy[key] !== "string") {
      throw new TypeError(
        `newWriter ${JSON.stringify(path)}: metadata ${JSON.stringify(key)} must be a string, got ${describe(copy[key])}`,
      );
    }
  }
  return Object.freeze(copy);
}

/**
 * Throws a `TypeError` naming `signal` unless it is unset or an `AbortSignal` (of any realm:
 * checked by shape, as `instanceof` fails across vm contexts and polyfills). Checked before
 * anything is opened, so a bad signal never leaves a temporary file or descriptor behind.
 * @param op - the operation, named in the error
 * @param path - the path as far as it is known
 * @param signal - the call's `signal` option
 */
export function checkSignal(op: string, path: string, signal: unknown): void {
  if (signal === undefined) return;
  const s = signal as Partial<AbortSignal> | null;
  if (
    typeof s === "object" &&
    s !== null &&
    typeof s.aborted === "boolean" &&
    typeof s.addEventListener === "function" &&
    typeof s.removeEventListener === "function"
  ) {
    return;
  }
  throw new TypeError(
    `${op} ${JSON.stringify(path)}: signal must be an AbortSignal, got ${describe(signal)}`,
  );
}

/** A Date from any realm (`instanceof` fails across vm contexts). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** A value as an option error shows it (`null`, `an array`, `[object Date]`, `number 5`). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return Object.prototype.toString.call(value);
  return typeof value === "string" ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}

/**
 * Checks a reader's `offset` and `limit`: non-negative integers; `limit` may also be
 * `Infinity` (unlimited, as unset is); `limit: 0` gives zero bytes.
 * @param path - the normalised path, named in the error
 * @returns the offset (default 0) and the limit (default `Infinity`)
 */
export function checkRange(
  path: string,
  offset: number | undefined,
  limit: number | undefined,
): { offset: number; limit: number } {
  // Checked one by one rather than in a loop over pairs: this runs for every reader opened.
  if (offset !== undefined) checkRangeValue(path, "offset", offset);
  if (limit !== undefined && limit !== Number.POSITIVE_INFINITY) {
    checkRangeValue(path, "limit", limit);
  }
  return { offset: offset ?? 0, limit: limit ?? Number.POSITIVE_INFINITY };
}

function checkRangeValue(path: string, name: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(
      `newReader ${JSON.stringify(path)}: ${name} must be a non-negative integer, got ${String(value)}`,
    );
  }
}
