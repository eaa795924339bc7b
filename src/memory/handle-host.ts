import { BackendClosedError } from "../core/errors.js";
import type { OpenHandle, ReaderOptions, WriterOptions } from "../core/types.js";
import type { FileEntry } from "./entries.js";
import type { FaultOp } from "./faults.js";
import { captureOrigin, type HandleOrigin, originOf } from "./handle-origin.js";
import type { MemoryCore } from "./memory-core.js";
import { MemoryReader, type ReaderHost } from "./memory-reader.js";
import { MemoryWriter, type WriterHost } from "./memory-writer.js";
import { OpenHandles } from "./open-handles.js";

/** What the host keeps about an open reader or writer. */
interface HandleRecord {
  readonly kind: "reader" | "writer";
  readonly path: string;
  /** The signal given when it was opened; it cuts injected delays short. */
  readonly signal: AbortSignal | undefined;
  /** The call stack of `newWriter`/`newReader`, formatted only when a leak is reported. */
  readonly origin: HandleOrigin;
  /** A writer's `write` journal entry was recorded (at its commit or its failure). */
  journaled: boolean;
}

/** Journaled as the error of a writer that was aborted. */
const ABORTED = { name: "aborted" };

/**
 * The readers and writers of one memory backend: opens them, tracks the open ones, and is
 * what they call back into (to admit a chunk, commit, read, and say they are done). A failed
 * handle is a finished one: it leaves the open set as soon as it fails.
 */
export class HandleHost implements WriterHost, ReaderHost {
  readonly #core: MemoryCore;
  readonly #open = new OpenHandles<MemoryWriter | MemoryReader, HandleRecord>();

  /** @param core - the backend's shared state */
  constructor(core: MemoryCore) {
    this.#core = core;
  }

  /** A writer for the normalised `path`, tracked until it is done. */
  openWriter(path: string, options: WriterOptions): MemoryWriter {
    const writer = new MemoryWriter(this, path, options);
    this.#track(writer, "writer", options.signal);
    return writer;
  }

  /** A reader of `entry` (as it is now), tracked until it is done. */
  openReader(path: string, entry: FileEntry, range: ReaderOptions): MemoryReader {
    const { offset = 0, limit = Number.POSITIVE_INFINITY, signal } = range;
    const reader = new MemoryReader(this, path, entry, offset, limit, signal);
    this.#track(reader, "reader", signal);
    return reader;
  }

  /** The handles not closed yet, with where each was opened. */
  list(): OpenHandle[] {
    return [...this.#open.values()].map(({ kind, path, origin }) => {
      const openedAt = originOf(origin);
      return openedAt === undefined ? { kind, path } : { kind, path, openedAt };
    });
  }

  accept(writer: MemoryWriter, bytes: Uint8Array): void | Promise<void> {
    const wait = this.#fault("write", writer);
    if (wait) return wait.then(() => this.#admit(writer, bytes));
    this.#admit(writer, bytes);
  }

  commit(writer: MemoryWriter, data: FileEntry["data"], size: number): void | Promise<void> {
    const wait = this.#fault("close", writer);
    if (wait) return wait.then(() => this.#store(writer, data, size));
    this.#store(writer, data, size);
  }

  beforeRead(reader: MemoryReader): void | Promise<void> {
    if (this.#core.closed) throw new BackendClosedError("read", reader.path);
    return this.#fault("read", reader);
  }

  /** Records a failed read; the reader then closes itself. */
  readFailed(reader: MemoryReader, err: unknown): void {
    this.#core.journal.error("read", reader.path, err);
  }

  /** Records a writer's failure once and stops counting it as open: it is finished. */
  writeFailed(writer: MemoryWriter, err: unknown): void {
    const record = this.#open.get(writer);
    if (record && !record.journaled) {
      record.journaled = true;
      this.#core.journal.error("write", writer.path, err, writer.size);
    }
    // A failed writer is finished: it no longer counts as open.
    this.#open.delete(writer);
  }

  release(handle: MemoryWriter | MemoryReader, failure?: unknown): void {
    const record = this.#open.get(handle);
    if (!record) return;
    this.#open.delete(handle);
    if (record.kind !== "writer" || record.journaled) return;
    // Failed in the base writer (a chunk that is not bytes), or else aborted.
    const writer = handle as MemoryWriter;
    if (failure === undefined) this.#core.journal.error("write", writer.path, ABORTED);
    else this.#core.journal.error("write", writer.path, failure, writer.size);
  }

  #track(handle: MemoryWriter | MemoryReader, kind: HandleRecord["kind"], signal?: AbortSignal) {
    const origin = captureOrigin();
    this.#open.set(handle, { kind, path: handle.path, signal, origin, journaled: false });
  }

  /** Faults on write, close and read wait on the handle's own signal. */
  #fault(op: FaultOp, handle: MemoryWriter | MemoryReader): Promise<void> | undefined {
    if (!this.#core.faults?.size) return undefined;
    return this.#core.fault(op, handle.path, undefined, this.#open.get(handle)?.signal);
  }

  /** Refuses a chunk when the backend is closed or the quota would be passed. */
  #admit(writer: MemoryWriter, bytes: Uint8Array): void {
    if (this.#core.closed) throw new BackendClosedError("write", writer.path);
    this.#core.checkQuota("write", writer.path, writer.size + bytes.length);
  }

  #store(writer: MemoryWriter, data: FileEntry["data"], size: number): void {
    const core = this.#core;
    if (core.closed) throw new BackendClosedError("close", writer.path);
    core.checkQuota("close", writer.path, size);
    core.store.putFile("close", writer.path, core.entry(writer.path, data, size, writer.options));
    const record = this.#open.get(writer);
    if (record) record.journaled = true;
    core.journal.ok("write", writer.path, size);
  }
}
