import { createHash } from "node:crypto";
import { checkRange } from "../core/base-reader.js";
import { contentTypeOf } from "../core/content-type.js";
import {
  BackendClosedError,
  IsADirectoryError,
  NotFoundError,
  NotSupportedError,
} from "../core/errors.js";
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
import { MemoryReader, type ReaderHost } from "./memory-reader.js";
import { MemoryWriter, type WriterHost } from "./memory-writer.js";
import { decodeTree, encodeTree, type Tree } from "./seed-tree.js";
import { MemoryStore, type StoreState } from "./store.js";

/** Options of {@link MemoryBackend}. @public */
export interface MemoryBackendOptions {
  /** Where modification times come from (default: the system clock), for deterministic tests. */
  clock?: () => Date;
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
  readonly kind: "reader" | "writer";
  readonly path: string;
}

const HASHES: readonly HashAlgorithm[] = Object.freeze(["md5", "sha1", "sha256"]);

const FEATURES: Features = Object.freeze({
  copy: true,
  move: true,
  mkdir: true,
  rmdir: true,
  stat: true,
  hashes: HASHES,
  canStream: true,
  rangeRead: true,
  listPrefix: true,
  setModTime: true,
  customMetadata: true,
  versioning: false,
  serverSideEncryption: false,
});

const checkpoints = new WeakMap<MemoryCheckpoint, StoreState>();

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
  #handles = new Map<MemoryWriter | MemoryReader, OpenHandle>();
  #writerOptions = new WeakMap<MemoryWriter, WriterOptions>();
  #hostCache: (WriterHost & ReaderHost) | undefined;

  /** @param options - `clock` */
  constructor(options: MemoryBackendOptions = {}) {
    this.#clock = options.clock;
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

  async newWriter(path: string, options: WriterOptions = {}): Promise<Writer> {
    const p = this.#enter("newWriter", path, options.signal);
    this.#store.checkFileTarget("newWriter", p);
    const writer = new MemoryWriter(this.#host(), p, options.signal);
    this.#writerOptions.set(writer, options);
    this.#handles.set(writer, { kind: "writer", path: p });
    return writer;
  }

  async newReader(path: string, options: ReaderOptions = {}): Promise<Reader> {
    const p = this.#enter("newReader", path, options.signal);
    const { offset, limit } = checkRange(p, options.offset, options.limit);
    const entry = this.#file("newReader", p);
    const reader = new MemoryReader(this.#host(), p, entry, offset, limit, options.signal);
    this.#handles.set(reader, { kind: "reader", path: p });
    return reader;
  }

  async exists(path: string, options?: SignalOptions): Promise<boolean> {
    return this.#store.get(this.#enter("exists", path, options?.signal)) !== undefined;
  }

  async delete(path: string, options?: SignalOptions): Promise<void> {
    this.#store.delete("delete", this.#enter("delete", path, options?.signal));
  }

  async list(prefix?: string, options?: SignalOptions): Promise<string[]> {
    this.#check("list", prefix ?? "", options?.signal);
    return this.#store.list(normalizePrefix(prefix));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#store.clear();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- ExtendedBackend ------------------------------------------------------------------

  async stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    return this.#stat(this.#enter("stat", path, options?.signal));
  }

  async hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string> {
    const p = this.#enter("hash", path, options?.signal);
    if (!HASHES.includes(algorithm)) {
      throw new NotSupportedError("hash", p, {
        message: `hash ${JSON.stringify(p)}: unsupported algorithm ${JSON.stringify(algorithm)} (use ${HASHES.join(", ")})`,
      });
    }
    const hasher = createHash(algorithm);
    for (const chunk of chunksOf(this.#file("hash", p))) hasher.update(chunk);
    return hasher.digest("hex");
  }

  async mkdir(path: string, options?: SignalOptions): Promise<void> {
    this.#store.mkdir("mkdir", this.#enter("mkdir", path, options?.signal), this.#now());
  }

  async rmdir(path: string, options: RmdirOptions = {}): Promise<void> {
    const p = this.#enter("rmdir", path, options.signal);
    this.#store.rmdir("rmdir", p, options.recursive === true);
  }

  async copy(src: string, dst: string, options?: SignalOptions): Promise<void> {
    this.#transfer("copy", src, dst, options?.signal);
  }

  async move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    this.#transfer("move", src, dst, options?.signal);
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
        else this.#store.putFile("load", path, this.#entry(path, bytes, bytes.length, {}, now));
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
    return [...this.#handles.values()];
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

  #transfer(op: "copy" | "move", src: string, dst: string, signal?: AbortSignal): void {
    const s = normalizePath(op, src);
    const d = normalizePath(op, dst);
    this.#check(op, s, signal);
    this.#store.transfer(op, s, d, this.#now());
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
    this.#hostCache ??= {
      accept: (writer) => {
        if (this.#closed) throw new BackendClosedError("write", writer.path);
      },
      commit: (writer, data, size) => {
        if (this.#closed) throw new BackendClosedError("close", writer.path);
        const options = this.#writerOptions.get(writer) ?? {};
        const entry = this.#entry(writer.path, data, size, options, this.#now());
        this.#store.putFile("close", writer.path, entry);
      },
      beforeRead: (reader) => {
        if (this.#closed) throw new BackendClosedError("read", reader.path);
      },
      release: (handle) => {
        this.#handles.delete(handle);
      },
    };
    return this.#hostCache;
  }
}
