import { Buffer } from "node:buffer";
import type { Writable } from "node:stream";
import { copyBytes, encodeText } from "./byte-slab.js";
import { isBytes } from "./bytes.js";
import { WriterClosedError } from "./errors.js";
import { nodeBuiltin } from "./node-builtins.js";
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
  if (isBytes(chunk)) return copyBytes(chunk);
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

/** A string given to a Node `Writable` with `encoding`, as bytes (or as is when UTF-8). */
function decodeString(chunk: string, encoding: BufferEncoding | "buffer"): Uint8Array | string {
  if (encoding === "utf8" || encoding === "utf-8" || encoding === "buffer") return chunk;
  return Buffer.from(chunk, encoding);
}

type State = "open" | "closing" | "committing" | "closed" | "aborted" | "failed";

/**
 * What every backend's writer shares: writes applied in call order (a promise chain), the
 * state machine (close twice is a no-op, write after close rejects), abort by signal, and the
 * stream adapters. A backend supplies how to take a chunk, commit, and discard.
 *
 * The rules of an ending, in one place:
 * - the first write that fails (a bad chunk, a refused or faulted chunk) fails the writer at
 *   once, awaited or not: it discards what it holds and is released, and `close()` rejects
 *   with that error, so nothing is ever stored without the failed chunk;
 * - `abort()` while `close()` still waits for pending writes wins: nothing is stored and
 *   `close()` rejects with `WriterClosedError`; once the commit has started, `abort()` waits
 *   for it and changes nothing.
 */
export abstract class BaseWriter implements Writer {
  readonly path: string;
  #state: State = "open";
  #tail: Promise<void> = RESOLVED;
  #error: unknown;
  #closing: Promise<void> | undefined;
  /** Set when the writer failed while open: its discard and release. */
  #failure: Promise<void> | undefined;
  #ending: Promise<void> | undefined;
  #released = false;
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
  /**
   * Called once when the writer is done, whatever the outcome.
   * @param failure - the error that failed the writer (undefined after a commit or an abort),
   *   so a backend can record why, e.g. in a journal
   */
  protected abstract release(failure?: unknown): void;

  /** True until the writer is closed, aborted or failed. */
  get isOpen(): boolean {
    return this.#state === "open";
  }

  write(chunk: Uint8Array | string): Promise<void> {
    if (this.#state === "failed") return quietReject(this.#error);
    if (this.#state !== "open") return quietReject(new WriterClosedError("write", this.path));
    let bytes: Uint8Array;
    try {
      bytes = copyChunk("write", this.path, chunk);
    } catch (err) {
      this.#failed(err);
      return this.#rejectWhenReleased(err);
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
    let pending: void | Promise<void>;
    try {
      pending = this.writeChunk(bytes);
    } catch (err) {
      this.#failed(err);
      return this.#rejectWhenReleased(err);
    }
    return pending ? this.#queue(pending) : RESOLVED;
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    if (this.#state === "failed") {
      const err = this.#error;
      this.#closing = (this.#failure ?? RESOLVED).then(() => quietReject(err));
      this.#closing.catch(noop);
      return this.#closing;
    }
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
    this.#tail = step.catch((err: unknown) => this.#failed(err));
    const settled = step.catch((err: unknown) => this.#rejectWhenReleased(err));
    settled.catch(noop);
    return settled;
  }

  /**
   * The rejection of a failed write, once a writer that failed while open has let go (on disk:
   * its descriptor and staging file), so a caller who sees it finds no open handle. A write
   * nobody awaits must not become an unhandled rejection: its error surfaces at close().
   */
  #rejectWhenReleased(err: unknown): Promise<never> {
    const released = (this.#failure ?? RESOLVED).then(() => {
      throw err;
    });
    released.catch(noop);
    return released;
  }

  /**
   * Records the first failure. An open writer ends at once (after the writes in flight), so it
   * holds nothing and is no open handle; a closing one ends in {@link BaseWriter.#settle}.
   */
  #failed(err: unknown): void {
    if (this.#error !== undefined) return;
    this.#error = err;
    if (this.#state !== "open") return;
    this.#state = "failed";
    this.#failure = this.#tail.then(() => this.#end("failed"));
  }

  /** Commits once every write is applied, or discards on the first error or an abort. */
  #settle(): void | Promise<void> {
    if (this.#state === "aborted") {
      return this.#end("aborted").then(() =>
        quietReject(new WriterClosedError("close", this.path)),
      );
    }
    if (this.#error !== undefined) return this.#fail(this.#error);
    this.#state = "committing";
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
    this.#error ??= err;
    await this.#end("failed");
    throw err;
  }

  async abort(_reason?: unknown): Promise<void> {
    if (this.#state === "closing") {
      // close() is still waiting for writes: the abort wins, and close() rejects.
      this.#state = "aborted";
      await this.#closing?.catch(noop);
      return;
    }
    if (this.#state === "committing") {
      await this.#closing?.catch(noop);
      return;
    }
    if (this.#state === "failed") {
      await this.#failure;
      return;
    }
    if (this.#state !== "open") return;
    this.#state = "aborted";
    await this.#tail;
    await this.#end("aborted");
  }

  /** Discards what was written and releases the writer, once. */
  #end(state: "aborted" | "failed"): Promise<void> {
    this.#ending ??= (async () => {
      await this.discard();
      this.#finish(state);
    })();
    return this.#ending;
  }

  #finish(state: State): void {
    this.#state = state;
    if (this.#released) return;
    this.#released = true;
    if (this.#signal && this.#onAbort) this.#signal.removeEventListener("abort", this.#onAbort);
    this.release(state === "failed" ? this.#error : undefined);
  }

  toWritable(): Writable {
    const { Writable: NodeWritable } = nodeBuiltin("node:stream");
    return new NodeWritable({
      // Strings arrive with their encoding (`write(s, "hex")`, `setDefaultEncoding`): UTF-8
      // ones go on as strings (encoded once, by copyChunk), others are decoded here.
      decodeStrings: false,
      write: (chunk: Uint8Array | string, encoding, cb) => {
        const data = typeof chunk === "string" ? decodeString(chunk, encoding) : chunk;
        this.write(data).then(() => cb(), cb);
      },
      final: (cb) => {
        this.close().then(() => cb(), cb);
      },
      // Destroyed before it finished, with or without an error: the writer is aborted.
      destroy: (err, cb) => {
        if (this.#state === "open" || this.#state === "closing") {
          this.abort(err ?? undefined).then(() => cb(err), cb);
        } else cb(err);
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
