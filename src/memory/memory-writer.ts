import { BaseWriter } from "../core/base-writer.js";
import type { WriterOptions } from "../core/types.js";
import type { FileEntry } from "./entries.js";
import { HANDLE_SLOT } from "./open-handles.js";

/** What a memory writer needs from its backend. */
export interface WriterHost {
  /**
   * Called with each chunk, so the backend can refuse it (quota, faults, closed backend);
   * a returned promise delays the chunk (injected delays).
   */
  accept(writer: MemoryWriter, bytes: Uint8Array): void | Promise<void>;
  /** Stores the finished file atomically; throws (or rejects) to fail the writer. */
  commit(writer: MemoryWriter, data: FileEntry["data"], size: number): void | Promise<void>;
  /** The writer is done. */
  release(writer: MemoryWriter): void;
}

// Every empty file shares this: zero bytes cannot be changed, and readers hand out copies.
const NO_BYTES = new Uint8Array(0);

/** Collects copied chunks and hands them to the backend in one piece at close. */
export class MemoryWriter extends BaseWriter {
  /** Its place among the backend's open handles. */
  [HANDLE_SLOT]: object | undefined = undefined;
  #host: WriterHost;
  #options: WriterOptions;
  // Nothing, the one chunk of a single-write file (most files: no array to allocate), or
  // every chunk in order.
  #data: Uint8Array | Uint8Array[] | undefined;
  #size = 0;

  /**
   * @param host - the backend
   * @param path - the normalised path
   * @param options - kept for the commit (content type, metadata, modTime); its signal aborts
   */
  constructor(host: WriterHost, path: string, options: WriterOptions = {}) {
    super(path, options.signal);
    this.#host = host;
    this.#options = options;
  }

  /** The options the writer was opened with (held here rather than in a WeakMap per backend). */
  get options(): WriterOptions {
    return this.#options;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.#size;
  }

  protected writeChunk(bytes: Uint8Array): void | Promise<void> {
    const wait = this.#host.accept(this, bytes);
    if (wait) return wait.then(() => this.#keep(bytes));
    this.#keep(bytes);
  }

  #keep(bytes: Uint8Array): void {
    const data = this.#data;
    if (data === undefined) this.#data = bytes;
    else if (data instanceof Uint8Array) this.#data = [data, bytes];
    else data.push(bytes);
    this.#size += bytes.length;
  }

  protected commit(): void | Promise<void> {
    const data = this.#data;
    const stored =
      data === undefined ? NO_BYTES : data instanceof Uint8Array ? data : Object.freeze(data);
    const done = this.#host.commit(this, stored, this.#size);
    this.#data = undefined;
    return done;
  }

  protected discard(): void {
    this.#data = undefined;
    this.#size = 0;
  }

  protected release(): void {
    this.#host.release(this);
  }
}
