import { BackendClosedError } from "./errors.js";
import { checkSignal } from "./options.js";
import { normalizePath } from "./paths.js";

/**
 * The rule every backend operation starts with, kept in one place: a closed backend rejects
 * with `BackendClosedError` before it looks at the arguments; then the path is normalised
 * (`InvalidPathError`); then a `signal` that is not an AbortSignal is a `TypeError`, and an
 * aborted one rejects with its reason, before anything changes.
 */
export class BackendGate {
  #closed = false;

  /** True once {@link BackendGate.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Marks the backend closed.
   * @returns false when it already was, so `close()` can stay idempotent
   */
  close(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    return true;
  }

  /**
   * Throws `BackendClosedError` when closed, else the signal's reason when it aborted.
   * @param op - the operation, named in the error
   * @param path - the path as far as it is known (named in the error)
   * @param signal - the call's signal
   */
  check(op: string, path: unknown, signal?: AbortSignal): void {
    if (this.#closed) throw new BackendClosedError(op, typeof path === "string" ? path : "");
    checkSignal(op, typeof path === "string" ? path : "", signal);
    if (signal?.aborted) throw signal.reason;
  }

  /**
   * Checks closed, normalises `path`, then checks the signal.
   * @returns the normalised path
   */
  enter(op: string, path: string, signal?: AbortSignal): string {
    if (this.#closed) throw new BackendClosedError(op, typeof path === "string" ? path : "");
    const p = normalizePath(op, path);
    checkSignal(op, p, signal);
    if (signal?.aborted) throw signal.reason;
    return p;
  }
}
