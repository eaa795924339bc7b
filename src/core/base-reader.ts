import { Readable } from "node:stream";
import { quietReject } from "./base-writer.js";
import { ReaderClosedError } from "./errors.js";
import type { Reader } from "./types.js";

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * Throws `RangeError` for a negative or non-integer `offset`/`limit`.
 * @returns the offset (default 0) and the limit (default `Infinity`)
 */
export function checkRange(
  path: string,
  offset: number | undefined,
  limit: number | undefined,
): { offset: number; limit: number } {
  for (const [name, value] of [
    ["offset", offset],
    ["limit", limit],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(
        `newReader ${JSON.stringify(path)}: ${name} must be a non-negative integer, got ${String(value)}`,
      );
    }
  }
  return { offset: offset ?? 0, limit: limit ?? Number.POSITIVE_INFINITY };
}

/**
 * What every backend's reader shares: reads one at a time, close is idempotent and later
 * reads reject, an aborted signal rejects the next read, iteration closes the reader at the
 * end or on `break`, and the stream adapters. A backend supplies how to get the next chunk.
 */
export abstract class BaseReader implements Reader {
  readonly path: string;
  #closed = false;
  #tail: Promise<unknown> = RESOLVED;
  #signal: AbortSignal | undefined;

  constructor(path: string, signal?: AbortSignal) {
    this.path = path;
    this.#signal = signal;
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
    if (this.#closed) return quietReject(new ReaderClosedError("read", this.path));
    if (this.#signal?.aborted) return quietReject(this.#signal.reason);
    if (this.#tail === RESOLVED) {
      // Nothing in flight: read now, so a synchronous source (the memory reader) costs one
      // promise per chunk instead of a chain of three.
      let chunk: Uint8Array | null | Promise<Uint8Array | null>;
      try {
        chunk = this.readChunk();
      } catch (err) {
        return quietReject(err);
      }
      if (!(chunk instanceof Promise)) return Promise.resolve(chunk);
      this.#tail = chunk.catch(() => undefined);
      return chunk;
    }
    const next = this.#tail.then(() => {
      if (this.#closed) throw new ReaderClosedError("read", this.path);
      return this.readChunk();
    });
    this.#tail = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.release();
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
    const readable: Readable = new Readable({
      read: () => {
        this.read().then(
          async (chunk) => {
            if (chunk === null) await this.close();
            readable.push(chunk);
          },
          (err: unknown) => readable.destroy(err as Error),
        );
      },
      destroy: (err, cb) => {
        this.close().then(() => cb(err), cb);
      },
    });
    return readable;
  }

  toReadableStream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const chunk = await this.read();
        if (chunk === null) {
          await this.close();
          controller.close();
        } else controller.enqueue(chunk);
      },
      cancel: () => this.close(),
    });
  }
}
