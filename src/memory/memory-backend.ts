import { createHash } from "node:crypto";
import { defineAsyncDispose } from "../core/async-dispose.js";
import { checkRange } from "../core/base-reader.js";
import { contentTypeOf } from "../core/content-type.js";
import { BackendClosedError, IsADirectoryError, NotFoundError } from "../core/errors.js";
import { checkHashAlgorithm, HASH_ALGORITHMS } from "../core/hash-algorithms.js";
import { checkWriterOptions } from "../core/options.js";
import { normalizePath, normalizePrefix } from "../core/paths.js";
import type {
  ExtendedBackend,
  Features,
  HashAlgorithm,
  ObjectInfo,
  Reader,
  ReaderOptions,
  RmdirOptions,
  SignalOptions,
  Writer,
  WriterOptions,
} from "../core/types.js";
import { chunksOf, type Entry, type FileEntry, NO_METADATA } from "./entries.js";
import { type FaultHandle, type FaultOp, FaultSet, type FaultSpec, sleep } from "./faults.js";
import { Journal, type JournalEntry, type JournalOp } from "./journal.js";
import { MemoryReader, type ReaderHost } from "./memory-reader.js";
import { MemoryWriter, type WriterHost } from "./memory-writer.js";
import { OpenHandles } from "./open-handles.js";
import { checkQuotaOption, quotaExceeded } from "./quota.js";
import { decodeTree, encodeTree, type Tree } from "./seed-tree.js";
import { MemoryStore, type StoreState } from "./store.js";

/** Options of {@link MemoryBackend}. @public */
export interface MemoryBackendOptions {
  /** Where modification times come from (default: the system clock), for deterministic tests. */
  clock?: () => Date;
  /**
   * Most bytes the store may hold (file contents; directories are free). A write, copy or
   * load that would take it further fails with `QuotaExceededError` and stores nothing.
   * Overwriting a file counts the new size net of the old one.
   */
  quota?: number;
}

/**
 * An immutable checkpoint from {@link MemoryBackend.snapshot}; it shares structure with the
 * live store, so taking and restoring one costs the same whatever the store holds.
 * @public
 */
export interface MemoryCheckpoint {
  /** Files at the time of the snapshot. */
  readonly files: number;
  /** Total bytes at the time of the snapshot. */
  readonly bytes: number;
}

/** A reader or writer that has not been closed yet, from {@link MemoryBackend.openHandles}. @public */
export interface OpenHandle {
  /** Whether a reader or a writer is open. */
  readonly kind: "reader" | "writer";
  /** The normalised path it was opened on. */
  readonly path: string;
}

const FEATURES: Features = Object.freeze({
  copy: true,
  move: true,
  mkdir: true,
  rmdir: true,
  stat: true,
  hashes: HASH_ALGORITHMS,
  canStream: true,
  rangeRead: true,
  listPrefix: true,
  setModTime: true,
  customMetadata: true,
  versioning: false,
  serverSideEncryption: false,
});

const checkpoints = new WeakMap<MemoryCheckpoint, StoreState>();

/** What the backend keeps about an open reader or writer. */
interface HandleRecord extends OpenHandle {
  /** The signal given when it was opened; it cuts injected delays short. */
  readonly signal: AbortSignal | undefined;
  /** A writer's journal entry was written (commit or failure). */
  done: boolean;
}

/** Journaled as the error of a writer that was aborted. */
const ABORTED = { name: "aborted" };

/**
 * An in-memory {@link ExtendedBackend}: a sorted copy-on-write tree of paths, so lookups and
 * `list(prefix)` never scan unrelated data and `snapshot()`/`restore()` are O(1).
 *
 * @example
 * ```ts
 * await using backend = MemoryBackend.from({ "config.json": { debug: true } });
 * await writeFile(backend, "out/report.txt", "hello");
 * backend.readSync("out/report.txt"); // Uint8Array of "hello"
 * ```
 * @public
 */
export class MemoryBackend implements ExtendedBackend {
  #store = new MemoryStore();
  #closed = false;
  #clock: (() => Date) | undefined;
  #quota: number | undefined;
  #faults: FaultSet | undefined;
  #journal = new Journal();
  #handles = new OpenHandles<MemoryWriter | MemoryReader, HandleRecord>();
  #hostCache: (WriterHost & ReaderHost) | undefined;

  /** @param options - `clock`, `quota` */
  constructor(options: MemoryBackendOptions = {}) {
    this.#clock = options.clock;
    this.#quota = checkQuotaOption(options.quota);
  }

  /**
   * A new backend holding `tree`.
   * @param tree - path → string (UTF-8), Uint8Array, `null` (empty directory) or a JSON value
   * @param options - backend options
   */
  static from(tree: Tree, options?: MemoryBackendOptions): MemoryBackend {
    return new MemoryBackend(options).load(tree);
  }

  // ---- Backend --------------------------------------------------------------------------
  // Each operation: normalise and check, apply faults (only when some are registered, so the
  // common path pays one property test), do the work, and journal the outcome.

  async newWriter(path: string, options: WriterOptions = {}): Promise<Writer> {
    let p = path;
    try {
      p = this.#enter("newWriter", path, options.signal);
      if (this.#faults?.size) await this.#fault("newWriter", p, undefined, options.signal);
      this.#store.checkFileTarget("newWriter", p);
      const writer = new MemoryWriter(this.#host(), p, checkWriterOptions(p, options));
      this.#handles.set(writer, { kind: "writer", path: p, signal: options.signal, done: false });
      this.#journal.ok("newWriter", p);
      return writer;
    } catch (err) {
      this.#journal.error("newWriter", p, err);
      throw err;
    }
  }

  async newReader(path: string, options: ReaderOptions = {}): Promise<Reader> {
    let p = path;
    try {
      p = this.#enter("newReader", path, options.signal);
      const { offset, limit } = checkRange(p, options.offset, options.limit);
      if (this.#faults?.size) await this.#fault("newReader", p, undefined, options.signal);
      const entry = this.#file("newReader", p);
      const reader = new MemoryReader(this.#host(), p, entry, offset, limit, options.signal);
      this.#handles.set(reader, { kind: "reader", path: p, signal: options.signal, done: false });
      this.#journal.ok("newReader", p, Math.max(0, Math.min(limit, entry.size - offset)));
      return reader;
    } catch (err) {
      this.#journal.error("newReader", p, err);
      throw err;
    }
  }

  // Not `async`: these return #run's (or #transfer's) promise as it is. An async wrapper
  // around it would add a promise and two microtask turns to every call.
  exists(path: string, options?: SignalOptions): Promise<boolean> {
    return this.#run("exists", path, options?.signal, (p) => this.#store.get(p) !== undefined);
  }

  delete(path: string, options?: SignalOptions): Promise<void> {
    return this.#run("delete", path, options?.signal, (p) => this.#store.delete("delete", p));
  }

  async list(prefix?: string, options?: SignalOptions): Promise<string[]> {
    let p = prefix ?? "";
    try {
      this.#check("list", p, options?.signal);
      p = normalizePrefix(prefix);
      if (this.#faults?.size) await this.#fault("list", p, undefined, options?.signal);
      const files = this.#store.list(p);
      this.#journal.ok("list", p);
      return files;
    } catch (err) {
      this.#journal.error("list", p, err);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#store.clear();
  }

  /** Closes the backend: `await using backend = new MemoryBackend()` calls it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  static {
    // `await using` in vm realms and transpiled code looks under other keys too.
    defineAsyncDispose(MemoryBackend.prototype);
  }

  // ---- ExtendedBackend ------------------------------------------------------------------

  stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    return this.#run("stat", path, options?.signal, (p) => this.#stat(p));
  }

  hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string> {
    return this.#run(
      "hash",
      path,
      options?.signal,
      (p) => {
        const hasher = createHash(algorithm);
        for (const chunk of chunksOf(this.#file("hash", p))) hasher.update(chunk);
        return hasher.digest("hex");
      },
      (p) => checkHashAlgorithm(p, algorithm),
    );
  }

  mkdir(path: string, options?: SignalOptions): Promise<void> {
    return this.#run("mkdir", path, options?.signal, (p) =>
      this.#store.mkdir("mkdir", p, this.#now()),
    );
  }

  async rmdir(path: string, options: RmdirOptions = {}): Promise<void> {
    return this.#run("rmdir", path, options.signal, (p) =>
      this.#store.rmdir("rmdir", p, options.recursive === true),
    );
  }

  copy(src: string, dst: string, options?: SignalOptions): Promise<void> {
    return this.#transfer("copy", src, dst, options?.signal);
  }

  move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    return this.#transfer("move", src, dst, options?.signal);
  }

  features(): Features {
    return FEATURES;
  }

  // ---- MemoryBackend extras (synchronous) -----------------------------------------------

  /**
   * Adds a tree to what is stored (merging; existing files at the same paths are replaced).
   * All or nothing: on a bad path or a conflict nothing is stored.
   * @param tree - path → string, Uint8Array, `null` (empty directory) or a JSON value
   * @returns this backend, for chaining
   */
  load(tree: Tree): this {
    this.#check("load", "");
    const entries = encodeTree("load", tree);
    const before = this.#store.freeze();
    const now = this.#now();
    try {
      for (const [path, bytes] of entries) {
        if (bytes === null) this.#store.mkdir("load", path, now);
        else {
          this.#store.putFile("load", path, this.#entry(path, bytes, bytes.length, {}, now));
          if (this.#quota !== undefined && this.#store.bytes > this.#quota) {
            throw quotaExceeded("load", path, this.#store.bytes, this.#quota);
          }
        }
      }
    } catch (err) {
      this.#store.restore(before);
      throw err;
    }
    return this;
  }

  /**
   * The stored tree: UTF-8 text as strings, other bytes as Uint8Array, empty directories as
   * `null`. `MemoryBackend.from(b.toJSON())` rebuilds the same files.
   */
  toJSON(): Record<string, string | Uint8Array | null> {
    this.#check("toJSON", "");
    return decodeTree(
      this.#store.entries(),
      (path) => this.readSync(path),
      (dir) => this.#store.hasChildren(dir),
    );
  }

  /** Total bytes stored. */
  size(): number {
    this.#check("size", "");
    return this.#store.bytes;
  }

  /** Number of files stored. */
  count(): number {
    this.#check("count", "");
    return this.#store.files;
  }

  /** Removes every file and directory. */
  clear(): void {
    this.#check("clear", "");
    this.#store.clear();
  }

  /** An immutable checkpoint of everything stored; O(1). */
  snapshot(): MemoryCheckpoint {
    this.#check("snapshot", "");
    const state = this.#store.freeze();
    const checkpoint: MemoryCheckpoint = Object.freeze({ files: state.files, bytes: state.bytes });
    checkpoints.set(checkpoint, state);
    return checkpoint;
  }

  /**
   * Brings the store back to a checkpoint; O(1). The checkpoint stays valid for later restores.
   * @param checkpoint - from {@link MemoryBackend.snapshot} (of any MemoryBackend)
   */
  restore(checkpoint: MemoryCheckpoint): void {
    this.#check("restore", "");
    const state = checkpoints.get(checkpoint);
    if (!state) throw new TypeError("restore: not a checkpoint from MemoryBackend.snapshot()");
    this.#store.restore(state);
  }

  /**
   * A file's bytes (a copy), synchronously.
   * @param path - the file
   */
  readSync(path: string): Uint8Array {
    const p = this.#enter("readSync", path);
    const chunks = chunksOf(this.#file("readSync", p));
    if (chunks.length === 1) return (chunks[0] as Uint8Array).slice();
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /**
   * True for a file or directory, synchronously.
   * @param path - any path
   */
  existsSync(path: string): boolean {
    return this.#store.get(this.#enter("existsSync", path)) !== undefined;
  }

  /**
   * {@link MemoryBackend.list}, synchronously.
   * @param prefix - plain string prefix (one leading `/` dropped)
   */
  listSync(prefix?: string): string[] {
    this.#check("listSync", prefix ?? "");
    return this.#store.list(normalizePrefix(prefix));
  }

  /**
   * {@link MemoryBackend.stat}, synchronously.
   * @param path - a file or directory
   */
  statSync(path: string): ObjectInfo {
    return this.#stat(this.#enter("statSync", path));
  }

  /** Readers and writers not closed yet; fixtures use it to flag leaks. */
  openHandles(): OpenHandle[] {
    return [...this.#handles.values()].map(({ kind, path }) => ({ kind, path }));
  }

  // ---- Fault injection and journal ------------------------------------------------------

  /**
   * Makes matching operations fail or wait, until the handle is removed (or `times` uses are
   * spent). Faults apply after the path is checked and before anything changes, so a failed
   * call leaves no trace; a fault on `close` or `read` leaves the stored content as it was.
   *
   * @param fault - `op` (a method name, `write`, `close`, `read` or `"*"`), `path` (exact,
   *   glob or RegExp), `error` (an Error or a factory; default `PermissionDeniedError`),
   *   `times`, `delayMs` (a pure delay lets the call go on)
   * @returns a handle whose `remove()` (or `using`) takes the fault away
   * @example
   * ```ts
   * backend.inject({ op: "write", path: "out/**", error: new Error("EIO") });
   * using slow = backend.inject({ op: "newReader", delayMs: 100 });
   * ```
   */
  inject(fault: FaultSpec): FaultHandle {
    this.#faults ??= new FaultSet();
    return this.#faults.add(fault);
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.#faults?.clear();
  }

  /**
   * Every operation done so far, in call order: backend methods (with their outcome), one
   * `write` entry per writer when it commits (`bytes`) or fails, and a `read` entry for each
   * reader chunk that failed. The synchronous inspection methods are not recorded.
   */
  get journal(): readonly JournalEntry[] {
    return this.#journal.entries;
  }

  /** Empties {@link MemoryBackend.journal}. */
  clearJournal(): void {
    this.#journal.clear();
  }

  /** True once {@link MemoryBackend.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  // ---- internals ------------------------------------------------------------------------

  /** Checks closed and aborted; throws synchronously (async callers turn it into a rejection). */
  #check(op: string, path: string, signal?: AbortSignal): void {
    if (this.#closed) throw new BackendClosedError(op, path);
    if (signal?.aborted) throw signal.reason;
  }

  /** {@link MemoryBackend.#check}, then the normalised path. */
  #enter(op: string, path: string, signal?: AbortSignal): string {
    if (this.#closed) throw new BackendClosedError(op, typeof path === "string" ? path : "");
    const p = normalizePath(op, path);
    this.#check(op, p, signal);
    return p;
  }

  #now(): number {
    return this.#clock ? this.#clock().getTime() : Date.now();
  }

  #file(op: string, path: string): FileEntry {
    const entry = this.#store.get(path);
    if (!entry) throw new NotFoundError(op, path);
    if (entry.dir) throw new IsADirectoryError(op, path);
    return entry;
  }

  #stat(path: string): ObjectInfo {
    const entry: Entry | undefined = this.#store.get(path);
    if (!entry) throw new NotFoundError("stat", path);
    return Object.freeze({
      path,
      size: entry.dir ? 0 : entry.size,
      modTime: new Date(entry.modTime),
      isDir: entry.dir,
      contentType: entry.dir ? "" : entry.contentType,
      metadata: entry.dir ? NO_METADATA : entry.metadata,
    });
  }

  /**
   * The shape of every one-path operation: normalise and check (then `validate`, for option
   * checks that come before faults), apply faults (only when some are registered, so the common
   * path pays one property test), do the work, and journal the outcome either way.
   */
  async #run<T>(
    op: FaultOp & JournalOp,
    path: string,
    signal: AbortSignal | undefined,
    work: (p: string) => T,
    validate?: (p: string) => void,
  ): Promise<T> {
    let p = path;
    try {
      p = this.#enter(op, path, signal);
      validate?.(p);
      if (this.#faults?.size) await this.#fault(op, p, undefined, signal);
      const result = work(p);
      this.#journal.ok(op, p);
      return result;
    } catch (err) {
      this.#journal.error(op, p, err);
      throw err;
    }
  }

  async #transfer(op: "copy" | "move", src: string, dst: string, signal?: AbortSignal) {
    let s = src;
    let d: string | undefined;
    try {
      if (this.#closed) throw new BackendClosedError(op, typeof src === "string" ? src : "");
      s = normalizePath(op, src);
      d = normalizePath(op, dst);
      this.#check(op, s, signal);
      if (this.#faults?.size) await this.#fault(op, s, d, signal);
      if (op === "copy" && this.#quota !== undefined) this.#copyWithinQuota(s, d, this.#quota);
      else this.#store.transfer(op, s, d, this.#now());
      this.#journal.ok(op, s, undefined, d);
    } catch (err) {
      this.#journal.error(op, s, err, undefined, d ?? (typeof dst === "string" ? dst : undefined));
      throw err;
    }
  }

  /** A copy that is undone when it takes the store past the quota. */
  #copyWithinQuota(src: string, dst: string, quota: number): void {
    const before = this.#store.freeze();
    this.#store.transfer("copy", src, dst, this.#now());
    if (this.#store.bytes > quota) {
      const total = this.#store.bytes;
      this.#store.restore(before);
      throw quotaExceeded("copy", dst, total, quota);
    }
  }

  /**
   * Applies the faults matching a call: throws, or returns a promise when the call must wait
   * first (re-checking closed and aborted after the wait).
   */
  #fault(op: FaultOp, path: string, dst: string | undefined, signal: AbortSignal | undefined) {
    const outcome = this.#faults?.match(op, path, dst);
    if (outcome === undefined) return undefined;
    const { delayMs, error } = outcome;
    if (delayMs > 0) {
      return sleep(delayMs, signal).then(() => {
        this.#check(op, path, signal);
        if (error !== undefined) throw error;
      });
    }
    if (error !== undefined) throw error;
    return undefined;
  }

  /** Throws when storing `size` bytes at `path` (replacing what is there) passes the quota. */
  #checkQuota(op: "write" | "close", path: string, size: number): void {
    const quota = this.#quota;
    if (quota === undefined) return;
    const old = this.#store.get(path);
    const total = this.#store.bytes - (old && !old.dir ? old.size : 0) + size;
    if (total > quota) throw quotaExceeded(op, path, total, quota);
  }

  /** Journals a writer's failure once; later failures of the same writer are its echoes. */
  #writerFailed(writer: MemoryWriter, err: unknown): never {
    const record = this.#handles.get(writer);
    if (record && !record.done) {
      record.done = true;
      this.#journal.error("write", writer.path, err, writer.size);
    }
    throw err;
  }

  #entry(
    path: string,
    data: FileEntry["data"],
    size: number,
    options: WriterOptions,
    now: number,
  ): FileEntry {
    return {
      dir: false,
      data,
      size,
      modTime: options.modTime ? options.modTime.getTime() : now,
      contentType: options.contentType ?? contentTypeOf(path),
      metadata: options.metadata ? Object.freeze({ ...options.metadata }) : NO_METADATA,
    };
  }

  #host(): WriterHost & ReaderHost {
    // Called per reader and writer: build the closures below once per backend, not per call.
    if (this.#hostCache) return this.#hostCache;
    const admit = (writer: MemoryWriter, bytes: Uint8Array): void => {
      try {
        if (this.#closed) throw new BackendClosedError("write", writer.path);
        this.#checkQuota("write", writer.path, writer.size + bytes.length);
      } catch (err) {
        this.#writerFailed(writer, err);
      }
    };
    const store = (writer: MemoryWriter, data: FileEntry["data"], size: number): void => {
      try {
        if (this.#closed) throw new BackendClosedError("close", writer.path);
        this.#checkQuota("close", writer.path, size);
        const options = writer.options;
        const entry = this.#entry(writer.path, data, size, options, this.#now());
        this.#store.putFile("close", writer.path, entry);
      } catch (err) {
        this.#writerFailed(writer, err);
      }
      const record = this.#handles.get(writer);
      if (record) record.done = true;
      this.#journal.ok("write", writer.path, size);
    };
    // Faults on write, close and read wait on the handle's own signal.
    const faulted = (
      op: FaultOp,
      handle: MemoryWriter | MemoryReader,
      onFail: (err: unknown) => never,
    ): Promise<void> | undefined => {
      try {
        const wait = this.#fault(op, handle.path, undefined, this.#handles.get(handle)?.signal);
        return wait?.catch(onFail);
      } catch (err) {
        return onFail(err);
      }
    };
    this.#hostCache ??= {
      accept: (writer, bytes) => {
        if (this.#faults?.size) {
          const wait = faulted("write", writer, (err) => this.#writerFailed(writer, err));
          if (wait) return wait.then(() => admit(writer, bytes));
        }
        admit(writer, bytes);
        return undefined;
      },
      commit: (writer, data, size) => {
        if (this.#faults?.size) {
          const wait = faulted("close", writer, (err) => this.#writerFailed(writer, err));
          if (wait) return wait.then(() => store(writer, data, size));
        }
        store(writer, data, size);
        return undefined;
      },
      beforeRead: (reader) => {
        if (this.#closed) throw new BackendClosedError("read", reader.path);
        if (!this.#faults?.size) return undefined;
        return faulted("read", reader, (err) => {
          this.#journal.error("read", reader.path, err);
          throw err;
        });
      },
      release: (handle) => {
        const record = this.#handles.get(handle);
        this.#handles.delete(handle);
        // A writer released without commit or failure was aborted.
        if (record?.kind === "writer" && !record.done) {
          this.#journal.error("write", handle.path, ABORTED);
        }
      },
    };
    return this.#hostCache;
  }
}
