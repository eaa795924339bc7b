import { Writable } from "node:stream";
import { copyBytes, encodeText } from "./byte-slab.js";
import { WriterClosedError } from "./errors.js";
import type { Writer } from "./types.js";

const RESOLVED: Promise<void> = Promise.resolve();
const noop = (): void => {};

/**
 * The bytes of a chunk, copied now: mutating the caller's buffer later never changes what is
 * stored. Strings are encoded as UTF-8. Small chunks are packed into shared slabs (see
 * byte-slab.ts), so the copy must stay private: hand out only copies of it.
 */
export function copyChunk(op: string, path: string, chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === "string") return encodeText(chunk);
  if (chunk instanceof Uint8Array) return copyBytes(chunk);
  throw new TypeError(
    `${op} ${JSON.stringify(path)}: a chunk must be a Uint8Array or a string, got ${chunk === null ? "null" : typeof chunk}`,
  );
}

/** A rejected promise that never counts as unhandled; awaiting it still throws. */
export function quietReject(err: unknown): Promise<never> {
  const p = Promise.reject(err);
  p.catch(noop);
  return p;
}

type State = "open" | "closing" | "closed" | "aborted" | "failed";

/**
 * What every backend's writer shares: writes applied in call order (a promise chain), the
 * state machine (close twice is a no-op, write after close rejects), abort by signal, and the
 * stream adapters. A backend supplies how to take a chunk, commit, and discard.
 */
export abstract class BaseWriter implements Writer {
  readonly path: string;
  #state: State = "open";
  #tail: Promise<void> = RESOLVED;
  #error: unknown;
  #closing: Promise<void> | undefined;
  #signal: AbortSignal | undefined;
  #onAbort: (() => void) | undefined;

  constructor(path: string, signal?: AbortSignal) {
    this.path = path;
    if (signal) {
      this.#signal = signal;
      this.#onAbort = () => void this.abort(signal.reason);
      signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  /** Takes one copied chunk; may be asynchronous. A throw fails the writer. */
  protected abstract writeChunk(bytes: Uint8Array): void | Promise<void>;
  /** Makes everything written visible at once. A throw fails the writer. */
  protected abstract commit(): void | Promise<void>;
  /** Drops whatever was written (after abort or failure). Must not throw. */
  protected abstract discard(): void | Promise<void>;
  /** Called once when the writer is done, whatever the outcome. */
  protected abstract release(): void;

  /** True until the writer is closed, aborted or failed. */
  get isOpen(): boolean {
    return this.#state === "open";
  }

  write(chunk: Uint8Array | string): Promise<void> {
    if (this.#state !== "open") return quietReject(new WriterClosedError("write", this.path));
    let bytes: Uint8Array;
    try {
      bytes = copyChunk("write", this.path, chunk);
    } catch (err) {
      return quietReject(err);
    }
    if (this.#tail !== RESOLVED) {
      return this.#queue(
        this.#tail.then(() => {
          if (this.#error !== undefined) throw this.#error;
          return this.writeChunk(bytes);
        }),
      );
    }
    // Nothing is queued, so applying the chunk now keeps call order; a synchronous sink (the
    // memory writer) then costs no promise at all, which is most of a small write's price.
    if (this.#error !== undefined) return quietReject(this.#error);
    let pending: void | Promise<void>;
    try {
      pending = this.writeChunk(bytes);
    } catch (err) {
      this.#error ??= err;
      return quietReject(err);
    }
    return pending ? this.#queue(pending) : RESOLVED;
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    if (this.#state !== "open") {
      return this.#state === "closed"
        ? RESOLVED
        : quietReject(new WriterClosedError("close", this.path));
    }
    this.#state = "closing";
    // Even with nothing queued the commit waits one microtask: a reader opened in the same
    // synchronous stretch as close() still sees the old content.
    this.#closing = this.#tail.then(() => this.#settle());
    return this.#closing;
  }

  /** Makes `step` the new tail: later writes wait for it, and its error fails the writer. */
  #queue(step: Promise<void>): Promise<void> {
    this.#tail = step.catch((err: unknown) => {
      this.#error ??= err;
    });
    // A write nobody awaits must not become an unhandled rejection: its error surfaces at close().
    step.catch(noop);
    return step;
  }

  /** Commits once every write is applied, or discards on the first error. */
  #settle(): void | Promise<void> {
    if (this.#error !== undefined) return this.#fail(this.#error);
    let pending: void | Promise<void>;
    try {
      pending = this.commit();
    } catch (err) {
      return this.#fail(err);
    }
    if (pending)
      return pending.then(
        () => this.#finish("closed"),
        (err) => this.#fail(err),
      );
    this.#finish("closed");
  }

  async #fail(err: unknown): Promise<never> {
    await this.discard();
    this.#finish("failed");
    throw err;
  }

  async abort(_reason?: unknown): Promise<void> {
    if (this.#state !== "open") return;
    this.#state = "aborted";
    await this.#tail;
    await this.discard();
    this.#finish("aborted");
  }

  #finish(state: State): void {
    this.#state = state;
    if (this.#signal && this.#onAbort) this.#signal.removeEventListener("abort", this.#onAbort);
    this.release();
  }

  toWritable(): Writable {
    return new Writable({
      decodeStrings: false,
      write: (chunk: Uint8Array | string, _enc, cb) => {
        this.write(chunk).then(() => cb(), cb);
      },
      final: (cb) => {
        this.close().then(() => cb(), cb);
      },
      destroy: (err, cb) => {
        if (err && this.#state === "open") this.abort(err).then(() => cb(err), cb);
        else cb(err);
      },
    });
  }

  toWritableStream(): WritableStream<Uint8Array | string> {
    return new WritableStream<Uint8Array | string>({
      write: (chunk) => this.write(chunk),
      close: () => this.close(),
      abort: (reason) => this.abort(reason),
    });
  }
}
