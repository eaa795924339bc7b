import { createHash } from "node:crypto";
import { mkdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { rename, rm, rmdir, unlink } from "node:fs/promises";
import { resolve } from "node:path";
import { BackendGate } from "../core/backend-gate.js";
import { contentTypeOf } from "../core/content-type.js";
import {
  AlreadyExistsError,
  InvalidPathError,
  IsADirectoryError,
  NotADirectoryError,
  NotEmptyError,
  NotFoundError,
} from "../core/errors.js";
import { treeBackendFeatures } from "../core/features.js";
import { checkHashAlgorithm } from "../core/hash-algorithms.js";
import { checkRange, checkWriterOptions, NO_METADATA } from "../core/options.js";
import { normalizePath, normalizePrefix } from "../core/paths.js";
import { refuseIntoOwnSubtree } from "../core/transfer-rules.js";
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
import { ConfinedRoot, type Found, STAGING_DIR } from "./confined-root.js";
import { pump } from "./copy-bytes.js";
import { FileReader, type FileReaderHost } from "./file-reader.js";
import { FileWriter, type FileWriterHost } from "./file-writer.js";
import { errnoOf, mapFsError } from "./fs-errors.js";
import { Staging } from "./staging.js";
import { copyTree, listFiles } from "./tree-walk.js";

/** Options of {@link FileBackend}. @public */
export interface FileBackendOptions {
  /** The folder every path is relative to; created (like `mkdir -p`) if missing. */
  root: string;
}

const FEATURES: Features = treeBackendFeatures({ customMetadata: false });
const HASH_BUFFER_SIZE = 256 * 1024;

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
  readonly #handles = new Map<FileReader | FileWriter, OpenHandle>();
  readonly #host: FileWriterHost & FileReaderHost;
  readonly #gate = new BackendGate();

  /**
   * Creates the root folder if missing.
   * @param options - `root`: the folder to store files in
   * @throws `NotADirectoryError` when the root is a file; `PermissionDeniedError` when it cannot
   * be created
   */
  constructor(options: FileBackendOptions) {
    const given = (options as Partial<FileBackendOptions> | undefined)?.root;
    if (typeof given !== "string" || given === "") {
      throw new TypeError("FileBackend: options.root must be a non-empty path to a folder");
    }
    const dir = resolve(given);
    let real: string;
    try {
      mkdirSync(dir, { recursive: true });
      real = realpathSync(dir);
      if (!statSync(real).isDirectory()) throw Object.assign(new Error(), { code: "ENOTDIR" });
    } catch (err) {
      const code = errnoOf(err);
      if (code === "EEXIST" || code === "ENOTDIR") {
        throw new NotADirectoryError("open", dir, {
          cause: err,
          message: `open ${JSON.stringify(dir)}: the FileBackend root is not a directory`,
        });
      }
      throw mapFsError("open", dir, err);
    }
    this.root = real;
    this.#fs = new ConfinedRoot(real);
    this.#staging = new Staging(this.#fs);
    const self = this;
    this.#host = {
      get closed() {
        return self.#gate.closed;
      },
      install: (op, path, temp) => this.#install(op, path, temp),
      discardTemp: (temp) => this.#staging.done(temp),
      release: (handle) => {
        this.#handles.delete(handle);
      },
    };
  }

  // ---- Backend --------------------------------------------------------------------------

  async newWriter(path: string, options: WriterOptions = {}): Promise<Writer> {
    const p = this.#gate.enter("newWriter", path, options.signal);
    const { modTime } = checkWriterOptions(p, options);
    this.#checkFileTarget("newWriter", p, await this.#fs.inspect("newWriter", p));
    const { fh, temp } = await this.#staging.file("newWriter", p);
    if (this.#gate.closed || options.signal?.aborted) {
      await fh.close().catch(() => undefined);
      await this.#staging.done(temp);
      this.#gate.check("newWriter", p, options.signal);
    }
    const writer = new FileWriter(this.#host, p, fh, temp, modTime, options.signal);
    this.#handles.set(writer, { kind: "writer", path: p });
    return writer;
  }

  async newReader(path: string, options: ReaderOptions = {}): Promise<Reader> {
    const p = this.#gate.enter("newReader", path, options.signal);
    const { offset, limit } = checkRange(p, options.offset, options.limit);
    this.#requireFile("newReader", p, await this.#fs.inspect("newReader", p));
    const { fh, stats } = await this.#fs.openRead("newReader", p);
    if (this.#gate.closed || options.signal?.aborted) {
      await fh.close().catch(() => undefined);
      this.#gate.check("newReader", p, options.signal);
    }
    const end = Math.min(stats.size, offset + limit);
    const reader = new FileReader(this.#host, p, fh, offset, end, options.signal);
    this.#handles.set(reader, { kind: "reader", path: p });
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
    if (!this.#gate.close()) return;
    await Promise.all(
      [...this.#handles.keys()].map((h) => (h instanceof FileWriter ? h.shutdown() : h.detach())),
    );
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- ExtendedBackend ------------------------------------------------------------------

  async stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    const p = this.#gate.enter("stat", path, options?.signal);
    const found = await this.#fs.inspect("stat", p);
    if (found.kind === "dir") return info(p, found.stats, true);
    if (found.kind === "file") return info(p, found.stats, false);
    throw new NotFoundError("stat", p);
  }

  async hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string> {
    const p = this.#gate.enter("hash", path, options?.signal);
    checkHashAlgorithm(p, algorithm);
    this.#requireFile("hash", p, await this.#fs.inspect("hash", p));
    const { fh } = await this.#fs.openRead("hash", p);
    try {
      const hasher = createHash(algorithm);
      const buffer = new Uint8Array(HASH_BUFFER_SIZE);
      for (let position = 0; ; ) {
        const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        hasher.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
        options?.signal?.throwIfAborted();
      }
      return hasher.digest("hex");
    } catch (err) {
      throw mapFsError("hash", p, err);
    } finally {
      await fh.close();
    }
  }

  async mkdir(path: string, options?: SignalOptions): Promise<void> {
    const p = this.#gate.enter("mkdir", path, options?.signal);
    const found = await this.#fs.inspect("mkdir", p);
    if (found.kind === "dir") return;
    if (found.kind === "file") throw new AlreadyExistsError("mkdir", p);
    if (found.kind === "belowFile") throw this.#fs.belowFile("mkdir", p, found.file);
    if (found.reserved) throw reserved("mkdir", p);
    await this.#fs.makeDirs("mkdir", p, found.existing, segmentCount(p));
  }

  async rmdir(path: string, options: RmdirOptions = {}): Promise<void> {
    const p = this.#gate.enter("rmdir", path, options.signal);
    const found = await this.#fs.inspect("rmdir", p);
    if (found.kind === "file") throw new NotADirectoryError("rmdir", p);
    if (found.kind !== "dir") throw new NotFoundError("rmdir", p);
    try {
      // rm never follows links below: a planted link is removed, not what it points to.
      if (options.recursive === true) await rm(this.#fs.abs(p), { recursive: true });
      else await rmdir(this.#fs.abs(p));
    } catch (err) {
      const code = errnoOf(err);
      if (code === "ENOTEMPTY" || code === "EEXIST") {
        throw new NotEmptyError("rmdir", p, { cause: err });
      }
      throw mapFsError("rmdir", p, err);
    }
  }

  async copy(src: string, dst: string, options?: SignalOptions): Promise<void> {
    await this.#transfer("copy", src, dst, options?.signal);
  }

  async move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    await this.#transfer("move", src, dst, options?.signal);
  }

  features(): Features {
    return FEATURES;
  }

  // ---- FileBackend extras ---------------------------------------------------------------

  /** Readers and writers not closed yet; fixtures use it to flag leaks. */
  openHandles(): OpenHandle[] {
    return [...this.#handles.values()].map(({ kind, path }) => ({ kind, path }));
  }

  /** True once {@link FileBackend.close} was called. */
  get closed(): boolean {
    return this.#gate.closed;
  }

  // ---- internals ------------------------------------------------------------------------

  /** Throws unless a file may be created at `path`: not a directory, not below a file. */
  #checkFileTarget(op: string, path: string, found: Found): void {
    if (found.kind === "dir") throw new IsADirectoryError(op, path);
    if (found.kind === "belowFile") throw this.#fs.belowFile(op, path, found.file);
    if (found.kind === "missing" && found.reserved) throw reserved(op, path);
  }

  /** Throws unless `found` is a file: `IsADirectoryError` or `NotFoundError`. */
  #requireFile(op: string, path: string, found: Found): void {
    if (found.kind === "dir") throw new IsADirectoryError(op, path);
    if (found.kind !== "file") throw new NotFoundError(op, path);
  }

  /** Creates the missing parents of `path`; returns them for rollback. */
  async #parents(op: string, path: string, found: Found): Promise<string[]> {
    if (found.kind !== "missing") return [];
    return this.#fs.makeDirs(op, path, found.existing, segmentCount(path) - 1);
  }

  /** Renames `from` (absolute) to `path`, creating its parents; removes them again on failure. */
  async #renameInto(op: string, path: string, found: Found, from: string): Promise<void> {
    const created = await this.#parents(op, path, found);
    try {
      await rename(from, this.#fs.abs(path));
    } catch (err) {
      await this.#fs.removeDirs(created);
      throw mapFsError(op, path, err);
    }
  }

  /** Commits a staged file at `path`, checking the target again (it may have changed). */
  async #install(op: string, path: string, temp: string): Promise<void> {
    const found = await this.#fs.inspect(op, path);
    this.#checkFileTarget(op, path, found);
    await this.#renameInto(op, path, found, temp);
  }

  async #transfer(
    op: "copy" | "move",
    src: string,
    dst: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const s = this.#gate.enter(op, src, signal);
    const d = normalizePath(op, dst);
    const from = await this.#fs.inspect(op, s);
    if (from.kind !== "file" && from.kind !== "dir") throw new NotFoundError(op, s);
    if (s === d) return;
    if (from.kind === "file") {
      const to = await this.#fs.inspect(op, d);
      this.#checkFileTarget(op, d, to);
      if (op === "move") await this.#renameInto(op, d, to, this.#fs.abs(s));
      else await this.#copyFile(s, d, signal);
      return;
    }
    refuseIntoOwnSubtree(op, s, d);
    const to = await this.#fs.inspect(op, d);
    if (to.kind === "file" || to.kind === "dir") throw new AlreadyExistsError(op, d);
    if (to.kind === "belowFile") throw this.#fs.belowFile(op, d, to.file);
    if (to.reserved) throw reserved(op, d);
    if (op === "move") await this.#renameInto(op, d, to, this.#fs.abs(s));
    else await this.#copyDir(s, d, signal);
  }

  /** Copies into a staged file, then installs it: a failure never leaves a partial `dst`. */
  async #copyFile(s: string, d: string, signal: AbortSignal | undefined): Promise<void> {
    const { fh: out, temp } = await this.#staging.file("copy", d);
    try {
      try {
        const { fh: input } = await this.#fs.openRead("copy", s);
        try {
          await pump(input, out);
        } finally {
          await input.close();
        }
      } finally {
        await out.close();
      }
      signal?.throwIfAborted();
      await this.#install("copy", d, temp);
    } catch (err) {
      throw mapFsError("copy", d, err);
    } finally {
      await this.#staging.done(temp);
    }
  }

  /** Copies a subtree into a staged directory, then renames it into place in one step. */
  async #copyDir(s: string, d: string, signal: AbortSignal | undefined): Promise<void> {
    const stage = await this.#staging.dir("copy", d);
    try {
      await copyTree(this.#fs, "copy", s, stage, signal);
      signal?.throwIfAborted();
      // Copying took time: check again, since rename would replace an empty directory.
      const to = await this.#fs.inspect("copy", d);
      if (to.kind === "file" || to.kind === "dir") throw new AlreadyExistsError("copy", d);
      if (to.kind === "belowFile") throw this.#fs.belowFile("copy", d, to.file);
      await this.#renameInto("copy", d, to, stage);
    } catch (err) {
      throw mapFsError("copy", d, err);
    } finally {
      await this.#staging.done(stage);
    }
  }
}

function segmentCount(path: string): number {
  let n = 1;
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) n++;
  return n;
}

function info(path: string, stats: Stats, isDir: boolean): ObjectInfo {
  return Object.freeze({
    path,
    size: isDir ? 0 : stats.size,
    // Node derives mtimeMs from nanoseconds; a time set from a Date can read back as …122.999.
    modTime: new Date(Math.round(stats.mtimeMs)),
    isDir,
    contentType: isDir ? "" : contentTypeOf(path),
    metadata: NO_METADATA,
  });
}

function reserved(op: string, path: string): InvalidPathError {
  return new InvalidPathError(op, path, {
    message: `${op} ${JSON.stringify(path)}: ${JSON.stringify(STAGING_DIR)} is reserved by FileBackend for writes in progress`,
  });
}
