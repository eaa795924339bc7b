import { Buffer } from "node:buffer";
import { BaseReader } from "../core/base-reader.js";
import { chunksOf, type FileEntry } from "./entries.js";
import { HANDLE_SLOT } from "./open-handles.js";

/** What a memory reader needs from its backend. */
export interface ReaderHost {
  /** Called before each chunk is handed out (closed backend, faults); may delay it. */
  beforeRead(reader: MemoryReader): void | Promise<void>;
  /** A read failed (the base reader then closes the reader). */
  readFailed(reader: MemoryReader, err: unknown): void;
  /** The reader is done. */
  release(reader: MemoryReader): void;
}

/**
 * Bytes `start` to `end` of a stored chunk, as a plain Uint8Array copy: mutating it never
 * touches stored data. The copy is made the cheapest way for its size, because for a small
 * read the allocation costs more than everything else the read does:
 * - up to 64 bytes, `slice()`: V8 keeps such arrays inside its heap;
 * - below half of `Buffer.poolSize` (4 KiB), a view on Node's shared Buffer pool, exactly
 *   where `Buffer.allocUnsafe` would put it (so, as with a Node Buffer, `.buffer` is the pool:
 *   use `byteOffset`/`length` with it; Node marks the pool untransferable);
 * - above, a buffer of its own, not zero-filled since it is overwritten at once.
 */
function handOut(chunk: Uint8Array, start: number, end: number): Uint8Array {
  const size = end - start;
  if (size <= 64) return chunk.slice(start, end);
  const part = start === 0 && end === chunk.length ? chunk : chunk.subarray(start, end);
  const bytes =
    size < Buffer.poolSize >>> 1 ? Buffer.allocUnsafe(size) : Buffer.allocUnsafeSlow(size);
  bytes.set(part);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, size);
}

/**
 * Reads a stored entry as it was at open: entries are immutable, so holding the reference is
 * the snapshot. Hands out a fresh copy of each stored chunk within the requested range.
 */
export class MemoryReader extends BaseReader {
  /** Its place among the backend's open handles. */
  [HANDLE_SLOT]: object | undefined = undefined;
  #host: ReaderHost;
  #chunks: readonly Uint8Array[];
  #index = 0;
  #skip: number;
  #left: number;

  constructor(
    host: ReaderHost,
    path: string,
    entry: FileEntry,
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ) {
    super(path, signal);
    this.#host = host;
    this.#chunks = chunksOf(entry);
    this.#skip = offset;
    this.#left = limit;
  }

  protected readChunk(): Uint8Array | null | Promise<Uint8Array | null> {
    let wait: void | Promise<void>;
    try {
      wait = this.#host.beforeRead(this);
    } catch (err) {
      return this.#fail(err);
    }
    return wait
      ? wait.then(
          () => this.#next(),
          (err: unknown) => this.#fail(err),
        )
      : this.#next();
  }

  #fail(err: unknown): never {
    this.#host.readFailed(this, err);
    throw err;
  }

  #next(): Uint8Array | null {
    while (this.#left > 0 && this.#index < this.#chunks.length) {
      const chunk = this.#chunks[this.#index++] as Uint8Array;
      if (this.#skip >= chunk.length) {
        this.#skip -= chunk.length;
        continue;
      }
      const end = Math.min(chunk.length, this.#skip + this.#left);
      const out = handOut(chunk, this.#skip, end);
      this.#left -= out.length;
      this.#skip = 0;
      return out;
    }
    return null;
  }

  protected release(): void {
    this.#chunks = [];
    this.#host.release(this);
  }
}
