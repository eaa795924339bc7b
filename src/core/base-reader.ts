import type { Readable } from "node:stream";
import { quietReject } from "./base-writer.js";
import { ReaderClosedError } from "./errors.js";
import { nodeBuiltin } from "./node-builtins.js";
import type { Reader } from "./types.js";

const RESOLVED: Promise<void> = Promise.resolve();

// Kept importable from here: backends built before options.ts existed import it from this module.
export { checkRange } from "./options.js";

/**
 * What every backend's reader shares: reads one at a time, close is idempotent and later
 * reads reject, an aborted signal rejects the next read, iteration closes the reader at the
 * end or on `break`, and the stream adapters. A backend supplies how to get the next chunk.
 */
export abstract class BaseReader implements Reader {
  readonly path: string;
  #closed = false;
  #closing: Promise<void> | undefined;
  #tail: Promise<unknown> = RESOLVED;
  #signal: AbortSignal | undefined;
  #onAbort: (() => void) | undefined;
  /** Set when the signal closed the reader: the next read rejects with its reason, once. */
  #abortUnreported = false;

  constructor(path: string, signal?: AbortSignal) {
    this.path = path;
    if (signal) {
      this.#signal = signal;
      // A consumer that is cancelled may never read again: the abort itself lets go of the
      // reader, so it holds nothing and is no open handle (as an aborted writer).
      this.#onAbort = () => {
        if (this.#closed) return;
        this.#abortUnreported = true;
        this.close().catch(() => undefined);
      };
      signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  /** The next chunk (the reader's own copy) or `null` at the end. */
  protected abstract readChunk(): Uint8Array | null | Promise<Uint8Array | null>;
  /** Frees what the reader holds; called once. */
  protected abstract release(): void | Promise<void>;

  /** True until the reader is closed. */
  get isOpen(): boolean {
    return !this.#closed;
  }

  read(): Promise<Uint8Array | null> {
    let chunk: Uint8Array | null | Promise<Uint8Array | null>;
    try {
      chunk = this.#next();
    } catch (err) {
      // A failed read has closed the reader: reject once it has let go of what it held.
      return this.#closing ? this.#closing.then(() => quietReject(err)) : quietReject(err);
    }
    return chunk instanceof Promise ? chunk : Promise.resolve(chunk);
  }

  /**
   * The next chunk: synchronously when nothing is in flight and the source is synchronous
   * (the memory reader), so a chunk costs at most one promise and the stream adapters can
   * hand it on in the same turn; otherwise a promise queued behind the reads in flight.
   * Throws when the reader is closed or its signal aborted. A read that fails (or meets an
   * aborted signal) closes the reader: a failed reader holds nothing and is no open handle.
   */
  #next(): Uint8Array | null | Promise<Uint8Array | null> {
    if (this.#closed) throw this.#closedError();
    let chunk: Uint8Array | null | Promise<Uint8Array | null>;
    try {
      if (this.#signal?.aborted) throw this.#signal.reason;
      chunk = this.#tail === RESOLVED ? this.readChunk() : this.#queued();
    } catch (err) {
      // read() waits for this close before it rejects; the stream adapters need not.
      this.close().catch(() => undefined);
      throw err;
    }
    if (!(chunk instanceof Promise)) return chunk;
    const settled = chunk.catch((err: unknown) => this.close().then(() => quietReject(err)));
    this.#tail = settled.catch(() => undefined);
    return settled;
  }

  /** The next chunk, after the reads in flight. */
  #queued(): Promise<Uint8Array | null> {
    return this.#tail.then(() => {
      if (this.#closed) throw this.#closedError();
      if (this.#signal?.aborted) throw this.#signal.reason;
      return this.readChunk();
    });
  }

  /** Why a read of the closed reader fails: the signal's reason the first time after an abort. */
  #closedError(): unknown {
    if (!this.#abortUnreported) return new ReaderClosedError("read", this.path);
    this.#abortUnreported = false;
    return (this.#signal as AbortSignal).reason;
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closed = true;
    if (this.#onAbort) this.#signal?.removeEventListener("abort", this.#onAbort);
    let released: void | Promise<void>;
    try {
      released = this.release();
    } catch (err) {
      released = quietReject(err);
    }
    this.#closing = Promise.resolve(released);
    return this.#closing;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        const chunk = await this.read();
        if (chunk !== null) return { value: chunk, done: false };
        await this.close();
        return { value: undefined, done: true };
      },
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  toReadable(): Readable {
    // Set once the end is reached: the reader is closed before `push(null)` lands, and Node may
    // ask for more in between, which must not read the closed reader.
    let ended = false;
    const push = (chunk: Uint8Array | null): boolean => {
      if (chunk !== null) return readable.push(chunk);
      ended = true;
      this.close().then(
        () => readable.push(null),
        (err: unknown) => readable.destroy(err as Error),
      );
      return false;
    };
    const { Readable: NodeReadable } = nodeBuiltin("node:stream");
    const readable: Readable = new NodeReadable({
      read: () => {
        // A synchronous source fills the stream within this call, so `stream.read()` (and
        // `for await`) gets the chunk at once; an asynchronous one pushes when it settles.
        while (!ended) {
          let chunk: Uint8Array | null | Promise<Uint8Array | null>;
          try {
            chunk = this.#next();
          } catch (err) {
            readable.destroy(err as Error);
            return;
          }
          if (chunk instanceof Promise) {
            chunk.then(push, (err: unknown) => readable.destroy(err as Error));
            return;
          }
          if (!push(chunk)) return;
        }
      },
      destroy: (err, cb) => {
        this.close().then(() => cb(err), cb);
      },
    });
    return readable;
  }

  toReadableStream(): ReadableStream<Uint8Array> {
    const deliver = (
      controller: ReadableStreamDefaultController<Uint8Array>,
      chunk: Uint8Array | null,
    ): void | Promise<void> => {
      if (chunk !== null) return controller.enqueue(chunk);
      return this.close().then(() => controller.close());
    };
    return new ReadableStream<Uint8Array>({
      // Not async: with a synchronous source the chunk is enqueued before pull returns.
      pull: (controller) => {
        const chunk = this.#next();
        return chunk instanceof Promise
          ? chunk.then((settled) => deliver(controller, settled))
          : deliver(controller, chunk);
      },
      cancel: () => this.close(),
    });
  }
}
