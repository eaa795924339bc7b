import type { Readable, Writable } from "node:stream";

/** Options every backend method accepts as its last argument. @public */
export interface SignalOptions {
  /** Aborting rejects the call with `signal.reason` and changes nothing. */
  signal?: AbortSignal;
}

/** Options of {@link Backend.newWriter}. @public */
export interface WriterOptions extends SignalOptions {
  /** MIME type stored with the file; inferred from the extension when omitted. */
  contentType?: string;
  /** Custom metadata (stored where `features().customMetadata`). */
  metadata?: Readonly<Record<string, string>>;
  /** The modification time to record (where `features().setModTime`); default: now. */
  modTime?: Date;
}

/** Options of {@link Backend.newReader}. @public */
export interface ReaderOptions extends SignalOptions {
  /** Bytes to skip; past the end gives no bytes. */
  offset?: number;
  /** Most bytes to read; unset means unlimited, `0` gives none. */
  limit?: number;
}

/**
 * A file being written. Writes apply in call order even when not awaited; nothing is visible
 * to readers until {@link Writer.close} resolves, and then all of it is, atomically.
 * @public
 */
export interface Writer {
  /** The normalised path being written. */
  readonly path: string;
  /** Appends a chunk (strings are UTF-8). The bytes are copied before the call returns. */
  write(chunk: Uint8Array | string): Promise<void>;
  /** Waits for pending writes, then commits. Closing twice is a no-op. */
  close(): Promise<void>;
  /** Discards everything written; later `write`/`close` reject with `WriterClosedError`. */
  abort(reason?: unknown): Promise<void>;
  /** A Node `Writable`; the file is committed when the stream finishes. */
  toWritable(): Writable;
  /** A WHATWG `WritableStream`; the file is committed when the stream closes. */
  toWritableStream(): WritableStream<Uint8Array | string>;
}

/**
 * A file being read: an async iterable of chunks, with the content as of open.
 * Chunks handed out are the reader's own copies.
 * @public
 */
export interface Reader extends AsyncIterable<Uint8Array> {
  /** The normalised path being read. */
  readonly path: string;
  /** The next chunk, or `null` at the end. */
  read(): Promise<Uint8Array | null>;
  /** Releases the reader; later reads reject with `ReaderClosedError`. Idempotent. */
  close(): Promise<void>;
  /** A Node `Readable` over the remaining bytes. */
  toReadable(): Readable;
  /** A WHATWG `ReadableStream` over the remaining bytes. */
  toReadableStream(): ReadableStream<Uint8Array>;
}

/** Metadata of a file or directory, as returned by {@link ExtendedBackend.stat}. @public */
export interface ObjectInfo {
  /** The normalised path. */
  readonly path: string;
  /** Size in bytes; 0 for directories. */
  readonly size: number;
  /** Last modification time. */
  readonly modTime: Date;
  /** True for a directory. */
  readonly isDir: boolean;
  /** MIME type (`""` for directories). */
  readonly contentType: string;
  /** Custom metadata (empty where the backend stores none). */
  readonly metadata: Readonly<Record<string, string>>;
}

/** A hash algorithm {@link ExtendedBackend.hash} can compute. @public */
export type HashAlgorithm = "md5" | "sha1" | "sha256";

/** What a backend can do, from {@link ExtendedBackend.features}. @public */
export interface Features {
  /** `copy()` is supported. */
  readonly copy: boolean;
  /** `move()` is supported. */
  readonly move: boolean;
  /** `mkdir()` is supported. */
  readonly mkdir: boolean;
  /** `rmdir()` is supported. */
  readonly rmdir: boolean;
  /** `stat()` is supported. */
  readonly stat: boolean;
  /** Hash algorithms `hash()` accepts. */
  readonly hashes: readonly HashAlgorithm[];
  /** Readers and writers stream, without holding the whole file in memory. */
  readonly canStream: boolean;
  /** `newReader` honours `offset` and `limit` without reading what comes before. */
  readonly rangeRead: boolean;
  /** `list(prefix)` filters on the backend, not by listing everything. */
  readonly listPrefix: boolean;
  /** A writer's `modTime` option is kept as the file's modification time. */
  readonly setModTime: boolean;
  /** A writer's `metadata` is kept and returned by `stat()`. */
  readonly customMetadata: boolean;
  /** The backend keeps older versions of a file (false for memory and file). */
  readonly versioning: boolean;
  /** The backend encrypts at rest on its side (false for memory and file). */
  readonly serverSideEncryption: boolean;
}

/**
 * The contract every backend implements. Paths are normalised (see `normalizePath`).
 * @public
 */
export interface Backend extends AsyncDisposable {
  /** Opens a writer; parents are created when it commits. */
  newWriter(path: string, options?: WriterOptions): Promise<Writer>;
  /** Opens a reader over the content as of now. */
  newReader(path: string, options?: ReaderOptions): Promise<Reader>;
  /** True for files and directories. */
  exists(path: string, options?: SignalOptions): Promise<boolean>;
  /** Removes a file; a missing path is fine; a directory rejects (use `rmdir`). */
  delete(path: string, options?: SignalOptions): Promise<void>;
  /** Every file whose path starts with `prefix`, sorted by UTF-16 code unit. */
  list(prefix?: string, options?: SignalOptions): Promise<string[]>;
  /** Idempotent; afterwards every method rejects with `BackendClosedError`. */
  close(): Promise<void>;
}

/** Options of {@link ExtendedBackend.rmdir}. @public */
export interface RmdirOptions extends SignalOptions {
  /** Remove everything below as well. */
  recursive?: boolean;
}

/**
 * A backend with directories, metadata, hashes and server-side copy/move.
 * @public
 */
export interface ExtendedBackend extends Backend {
  /** Metadata of a file or directory; `NotFoundError` when missing. */
  stat(path: string, options?: SignalOptions): Promise<ObjectInfo>;
  /** Lower-case hex digest of a file's content. */
  hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string>;
  /** Like `mkdir -p`. */
  mkdir(path: string, options?: SignalOptions): Promise<void>;
  /** Removes an empty directory, or a whole subtree with `recursive`. */
  rmdir(path: string, options?: RmdirOptions): Promise<void>;
  /** Copies a file or a directory subtree to the exact path `dst`. */
  copy(src: string, dst: string, options?: SignalOptions): Promise<void>;
  /** Moves a file or a directory subtree to the exact path `dst`, keeping modification times. */
  move(src: string, dst: string, options?: SignalOptions): Promise<void>;
  /** What this backend supports. */
  features(): Features;
}

/**
 * True when a backend implements {@link ExtendedBackend}.
 * @param backend - any backend
 * @public
 */
export function isExtended(backend: Backend): backend is ExtendedBackend {
  const b = backend as Partial<ExtendedBackend>;
  return (
    typeof b.stat === "function" &&
    typeof b.copy === "function" &&
    typeof b.move === "function" &&
    typeof b.features === "function"
  );
}

/** A reader or writer that has not been closed yet, from a backend's `openHandles()`. @public */
export interface OpenHandle {
  /** Whether it is a reader or a writer. */
  readonly kind: "reader" | "writer";
  /** The path it was opened on, normalised. */
  readonly path: string;
  /** Where it was opened: the caller's `file:line:column`, when the backend records it. */
  readonly openedAt?: string;
}
