/**
 * Node's checks of read ranges (`read`'s offset/length/position, a read stream's start/end):
 * a bad range is Node's `ERR_OUT_OF_RANGE` before anything is read, never a silent clamp.
 */

const MAX = Number.MAX_SAFE_INTEGER;

/** Node's `ERR_OUT_OF_RANGE`. */
export function outOfRange(name: string, rule: string, received: unknown): RangeError {
  const err = new RangeError(
    `The value of "${name}" is out of range. It must be ${rule}. Received ${String(received)}`,
  ) as RangeError & { code: string };
  err.code = "ERR_OUT_OF_RANGE";
  return err;
}

/** An integer in `[min, MAX_SAFE_INTEGER]`, as Node's `validateInteger` wants. */
function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > MAX) throw outOfRange(name, `>= ${min} && <= ${MAX}`, value);
}

/** A checked `read` range; position `-1` means the file position, as `null` does. */
export function checkReadRange(
  bufferLength: number,
  offset: number,
  length: number,
  position: number | null,
): { offset: number; length: number; position: number | null } {
  checkInteger("offset", offset, 0);
  if (length < 0) throw outOfRange("length", ">= 0", length);
  if (length > bufferLength - offset) {
    throw outOfRange("length", `<= ${bufferLength - offset}`, length);
  }
  if (position !== null) checkInteger("position", position, -1);
  return { offset, length, position: position === -1 ? null : position };
}

/** A read stream's inclusive `start`/`end`. */
export function checkStreamRange(start: number | undefined, end: number | undefined): void {
  if (start !== undefined) checkInteger("start", start, 0);
  if (end !== undefined) checkInteger("end", end, 0);
  if (start !== undefined && end !== undefined && start > end) {
    throw outOfRange("start", `<= "end" (here: ${end})`, start);
  }
}
