import { BaseWriter } from "../core/base-writer.js";
import type { WriterOptions } from "../core/types.js";
import { ChunkCollector } from "./chunk-collector.js";
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
  /** The writer failed (a refused chunk or commit): it is finished. */
  writeFailed(writer: MemoryWriter, err: unknown): void;
  /** The writer is done; `failure` is what failed it (undefined after a commit or an abort). */
  release(writer: MemoryWriter, failure?: unknown): void;
}

/** Collects copied chunks and hands them to the backend in one piece at close. */
export class MemoryWriter extends BaseWriter {
  /** Its place among the backend's open handles. */
  [HANDLE_SLOT]: object | undefined = undefined;
  #host: WriterHost;
  #options: WriterOptions;
  #chunks = new ChunkCollector();

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
    return this.#chunks.size;
  }

  protected writeChunk(bytes: Uint8Array): void | Promise<void> {
    let wait: void | Promise<void>;
    try {
      wait = this.#host.accept(this, bytes);
    } catch (err) {
      return this.#fail(err);
    }
    if (wait) {
      return wait.then(
        () => this.#chunks.add(bytes),
        (err: unknown) => this.#fail(err),
      );
    }
    this.#chunks.add(bytes);
  }

  protected commit(): void | Promise<void> {
    const size = this.#chunks.size;
    const data = this.#chunks.finish();
    let done: void | Promise<void>;
    try {
      done = this.#host.commit(this, data, size);
    } catch (err) {
      return this.#fail(err);
    }
    return done?.catch((err: unknown) => this.#fail(err));
  }

  /** Tells the backend (journal, open handles) before the base writer ends the writer. */
  #fail(err: unknown): never {
    this.#host.writeFailed(this, err);
    throw err;
  }

  protected discard(): void {
    this.#chunks.drop();
  }

  protected release(failure?: unknown): void {
    this.#host.release(this, failure);
  }
}
