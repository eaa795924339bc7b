import { unlink } from "node:fs/promises";
import { defineAsyncDispose } from "../core/async-dispose.js";
import { BackendGate } from "../core/backend-gate.js";
import { IsADirectoryError, NotFoundError } from "../core/errors.js";
import { treeBackendFeatures } from "../core/features.js";
import { checkHashAlgorithm } from "../core/hash-algorithms.js";
import { checkRange, checkWriterOptions } from "../core/options.js";
import { normalizePath, normalizePrefix } from "../core/paths.js";
import type {
  ExtendedBackend,
  Features,
  HashAlgorithm,
  ObjectInfo,
  OpenHandle,
  Reader,
  ReaderOptions,
  RmdirOptions,
  SignalOptions,
  Writer,
  WriterOptions,
} from "../core/types.js";
import { ConfinedRoot } from "./confined-root.js";
import { DiskTree } from "./disk-tree.js";
import { FileHandles } from "./file-handles.js";
import { hashFile, infoOf } from "./file-info.js";
import { FileReader } from "./file-reader.js";
import { FileWriter } from "./file-writer.js";
import { errnoOf, mapFsError } from "./fs-errors.js";
import { openRoot } from "./open-root.js";
import { Staging } from "./staging.js";
import { listFiles } from "./tree-walk.js";

/** Options of {@link FileBackend}. @public */
export interface FileBackendOptions {
  /** The folder every path is relative to; created (like `mkdir -p`) if missing. */
  root: string;
}

const FEATURES: Features = treeBackendFeatures({ customMetadata: false });

/**
 * An {@link ExtendedBackend} on the real disk, confined to a root folder. Writes go to a
 * temporary file and are renamed into place at `close()`, so they are atomic; readers stream
 * from a descriptor opened at `newReader`, so they see the content as of open.
 *
 * Confinement: `..` segments are rejected (`InvalidPathError`), absolute paths are relative to
 * the root (`/etc/passwd` is `<root>/etc/passwd`), and any symbolic link on a path is refused
 * with `PermissionDeniedError`, whether it points outside the root or inside.
 *
 * @example
 * ```ts
 * await using backend = new FileBackend({ root: "./tmp/store" });
 * await writeFile(backend, "reports/today.txt", "hello");
 * await backend.list("reports/"); // ["reports/today.txt"]
 * ```
 * @public
 */
export class FileBackend implements ExtendedBackend {
  /** The root's real absolute path (links in it resolved once, at construction). */
  readonly root: string;
  readonly #fs: ConfinedRoot;
  readonly #staging: Staging;
  readonly #tree: DiskTree;
  readonly #handles: FileHandles;
  readonly #gate = new BackendGate();

  /**
   * Creates the root folder if missing.
   * @param options - `root`: the folder to store files in
   * @throws `NotADirectoryError` when the root is a file; `PermissionDeniedError` when it cannot
   * be created
   */
  constructor(options: FileBackendOptions) {
    this.root = openRoot((options as Partial<FileBackendOptions> | undefined)?.root);
    this.#fs = new ConfinedRoot(this.root);
    this.#staging = new Staging(this.#fs);
    this.#tree = new DiskTree(this.#fs, this.#staging);
    this.#handles = new FileHandles(this.#gate, this.#tree, this.#staging, this.#fs);
  }

  // ---- Backend --------------------------------------------------------------------------

  async newWriter(path: string, options: WriterOptions = {}): Promise<Writer> {
    const p = this.#gate.enter("newWriter", path, options.signal);
    const { modTime } = checkWriterOptions(p, options);
    this.#tree.checkFileTarget("newWriter", p, await this.#fs.inspect("newWriter", p));
    const { fh, temp } = await this.#staging.file("newWriter", p);
    if (this.#gate.closed || options.signal?.aborted) {
      await fh.close().catch(() => undefined);
      await this.#staging.done(temp);
      this.#gate.check("newWriter", p, options.signal);
    }
    const writer = new FileWriter(this.#handles.host, p, fh, temp, modTime, options.signal);
    this.#handles.add(writer);
    return writer;
  }

  async newReader(path: string, options: ReaderOptions = {}): Promise<Reader> {
    const p = this.#gate.enter("newReader", path, options.signal);
    const { offset, limit } = checkRange(p, options.offset, options.limit);
    this.#tree.requireFile("newReader", p, await this.#fs.inspect("newReader", p));
    const { fh, stats } = await this.#fs.openRead("newReader", p);
    if (this.#gate.closed || options.signal?.aborted) {
      await fh.close().catch(() => undefined);
      this.#gate.check("newReader", p, options.signal);
    }
    const end = Math.min(stats.size, offset + limit);
    const reader = new FileReader(this.#handles.host, p, fh, offset, end, options.signal);
    this.#handles.add(reader);
    return reader;
  }

  async exists(path: string, options?: SignalOptions): Promise<boolean> {
    const p = this.#gate.enter("exists", path, options?.signal);
    const found = await this.#fs.inspect("exists", p);
    return found.kind === "file" || found.kind === "dir";
  }

  async delete(path: string, options?: SignalOptions): Promise<void> {
    const p = this.#gate.enter("delete", path, options?.signal);
    const found = await this.#fs.inspect("delete", p);
    if (found.kind === "dir") throw new IsADirectoryError("delete", p);
    if (found.kind !== "file") return;
    await unlink(this.#fs.abs(p)).catch((err: unknown) => {
      if (errnoOf(err) !== "ENOENT") throw mapFsError("delete", p, err);
    });
  }

  async list(prefix?: string, options?: SignalOptions): Promise<string[]> {
    this.#gate.check("list", prefix ?? "", options?.signal);
    return listFiles(this.#fs, normalizePrefix(prefix));
  }

  /**
   * Idempotent. Writers still open lose their temporary file (their `write` and `close` reject
   * with `BackendClosedError`); readers still open release their descriptor. Files on disk stay.
   */
  async close(): Promise<void> {
    if (this.#gate.close()) await this.#handles.shutdown();
  }

  /** Closes the backend: `await using backend = new FileBackend(...)` calls it at the end of the block. Files stay on disk. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  static {
    // `await using` in vm realms and transpiled code looks under other keys too.
    defineAsyncDispose(FileBackend.prototype);
  }

  // ---- ExtendedBackend ------------------------------------------------------------------

  async stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    const p = this.#gate.enter("stat", path, options?.signal);
    const found = await this.#fs.inspect("stat", p);
    if (found.kind === "dir") return infoOf(p, found.stats, true);
    if (found.kind === "file") return infoOf(p, found.stats, false);
    throw new NotFoundError("stat", p);
  }

  async hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string> {
    const p = this.#gate.enter("hash", path, options?.signal);
    checkHashAlgorithm(p, algorithm);
    this.#tree.requireFile("hash", p, await this.#fs.inspect("hash", p));
    return hashFile(this.#fs, p, algorithm, options?.signal);
  }

  async mkdir(path: string, options?: SignalOptions): Promise<void> {
    await this.#tree.mkdir(this.#gate.enter("mkdir", path, options?.signal));
  }

  async rmdir(path: string, options: RmdirOptions = {}): Promise<void> {
    const p = this.#gate.enter("rmdir", path, options.signal);
    await this.#tree.rmdir(p, options.recursive === true);
  }

  async copy(src: string, dst: string, options?: SignalOptions): Promise<void> {
    const s = this.#gate.enter("copy", src, options?.signal);
    await this.#tree.transfer("copy", s, normalizePath("copy", dst), options?.signal);
  }

  async move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    const s = this.#gate.enter("move", src, options?.signal);
    await this.#tree.transfer("move", s, normalizePath("move", dst), options?.signal);
  }

  features(): Features {
    return FEATURES;
  }

  // ---- FileBackend extras ---------------------------------------------------------------

  /** Readers and writers not closed yet; fixtures use it to flag leaks. */
  openHandles(): OpenHandle[] {
    return this.#handles.list();
  }

  /** True once {@link FileBackend.close} was called. */
  get closed(): boolean {
    return this.#gate.closed;
  }
}
