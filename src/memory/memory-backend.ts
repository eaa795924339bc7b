import { defineAsyncDispose } from "../core/async-dispose.js";
import { treeBackendFeatures } from "../core/features.js";
import { checkWriterOptions } from "../core/options.js";
import { normalizePrefix } from "../core/paths.js";
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
import { type MemoryCheckpoint, stateOf, toCheckpoint } from "./checkpoint.js";
import { bytesOf } from "./entries.js";
import { type FaultHandle, FaultSet, type FaultSpec } from "./faults.js";
import { HandleHost } from "./handle-host.js";
import type { JournalEntry } from "./journal.js";
import { type MemoryBackendOptions, MemoryCore } from "./memory-core.js";
import { hashFile, listFiles, openReader, openWriter, transfer } from "./memory-operations.js";
import type { Tree } from "./seed-tree.js";
import { loadTree, treeOf } from "./seeding.js";
import {
  childrenSync,
  type MemoryChild,
  runSync,
  transferSync,
  writeSync,
} from "./sync-operations.js";

const FEATURES: Features = treeBackendFeatures({ customMetadata: true });

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
  readonly #core: MemoryCore;
  readonly #handles: HandleHost;

  /** @param options - `clock`, `quota` (checked here: a bad one throws a TypeError naming it) */
  constructor(options: MemoryBackendOptions = {}) {
    this.#core = new MemoryCore(options);
    this.#handles = new HandleHost(this.#core);
  }

  /**
   * A new backend holding `tree`.
   * @param tree - path → string (UTF-8), Uint8Array, `null` (empty directory) or a JSON value
   * @param options - backend options
   */
  static from(tree: Tree, options?: MemoryBackendOptions): MemoryBackend {
    return new MemoryBackend(options).load(tree);
  }

  // ---- Backend (not `async`: an async wrapper costs each call a promise; see performance.md)

  newWriter(path: string, options: WriterOptions = {}): Promise<Writer> {
    return openWriter(this.#core, this.#handles, path, options);
  }

  newReader(path: string, options: ReaderOptions = {}): Promise<Reader> {
    return openReader(this.#core, this.#handles, path, options);
  }

  exists(path: string, options?: SignalOptions): Promise<boolean> {
    const store = this.#core.store;
    return this.#core.run("exists", path, options?.signal, (p) => store.get(p) !== undefined);
  }

  delete(path: string, options?: SignalOptions): Promise<void> {
    const store = this.#core.store;
    return this.#core.run("delete", path, options?.signal, (p) => store.delete("delete", p));
  }

  list(prefix?: string, options?: SignalOptions): Promise<string[]> {
    return listFiles(this.#core, prefix, options?.signal);
  }

  async close(): Promise<void> {
    if (this.#core.gate.close()) this.#core.store.clear();
  }

  /** Closes the backend, as {@link MemoryBackend.close} does: for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  static {
    // `await using` in vm realms and transpiled code looks under other keys too.
    defineAsyncDispose(MemoryBackend.prototype);
  }

  // ---- ExtendedBackend ------------------------------------------------------------------

  stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    return this.#core.run("stat", path, options?.signal, (p) => this.#core.info(p));
  }

  hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string> {
    return hashFile(this.#core, path, algorithm, options?.signal);
  }

  mkdir(path: string, options?: SignalOptions): Promise<void> {
    const core = this.#core;
    return core.run("mkdir", path, options?.signal, (p) =>
      core.store.mkdir("mkdir", p, core.now()),
    );
  }

  rmdir(path: string, options: RmdirOptions = {}): Promise<void> {
    const recursive = options.recursive === true;
    const store = this.#core.store;
    return this.#core.run("rmdir", path, options.signal, (p) => store.rmdir("rmdir", p, recursive));
  }

  copy(src: string, dst: string, options?: SignalOptions): Promise<void> {
    return transfer(this.#core, "copy", src, dst, options?.signal);
  }

  move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    return transfer(this.#core, "move", src, dst, options?.signal);
  }

  features(): Features {
    return FEATURES;
  }

  // ---- MemoryBackend extras (synchronous) -----------------------------------------------

  /**
   * Adds a tree to what is stored (merging; existing files at the same paths are replaced).
   * All or nothing: on a bad path, a conflict or the quota nothing is stored.
   * @param tree - path → string, Uint8Array (of any realm), `null` (empty directory) or a
   *   JSON value
   * @returns this backend, for chaining
   */
  load(tree: Tree): this {
    this.#core.gate.check("load", "");
    loadTree(this.#core, tree);
    return this;
  }

  /**
   * The stored tree: UTF-8 text as strings, other bytes as Uint8Array, empty directories as
   * `null`. `MemoryBackend.from(b.toJSON())` rebuilds the same files.
   */
  toJSON(): Record<string, string | Uint8Array | null> {
    this.#core.gate.check("toJSON", "");
    return treeOf(this.#core);
  }

  /** Total bytes stored. */
  size(): number {
    this.#core.gate.check("size", "");
    return this.#core.store.bytes;
  }

  /** Number of files stored. */
  count(): number {
    this.#core.gate.check("count", "");
    return this.#core.store.files;
  }

  /** Removes every file and directory. */
  clear(): void {
    this.#core.gate.check("clear", "");
    this.#core.store.clear();
  }

  /**
   * An immutable checkpoint of everything stored; O(1). It restores into any MemoryBackend,
   * through the ESM or the CommonJS copy of the package alike.
   */
  snapshot(): MemoryCheckpoint {
    this.#core.gate.check("snapshot", "");
    return toCheckpoint(this.#core.store.freeze());
  }

  /**
   * Brings the store back to a checkpoint; O(1). The checkpoint stays valid for later restores.
   * @param checkpoint - from {@link MemoryBackend.snapshot} (of any MemoryBackend)
   */
  restore(checkpoint: MemoryCheckpoint): void {
    this.#core.gate.check("restore", "");
    this.#core.store.restore(stateOf(checkpoint));
  }

  /** A file's bytes (a copy), synchronously. @param path - the file */
  readSync(path: string): Uint8Array {
    return bytesOf(this.#core.file("readSync", this.#core.gate.enter("readSync", path)));
  }

  /** True for a file or directory, synchronously. @param path - any path */
  existsSync(path: string): boolean {
    return this.#core.store.get(this.#core.gate.enter("existsSync", path)) !== undefined;
  }

  /**
   * {@link MemoryBackend.list}, synchronously.
   * @param prefix - plain string prefix (one leading `/` dropped)
   */
  listSync(prefix?: string): string[] {
    this.#core.gate.check("listSync", prefix ?? "");
    return this.#core.store.list(normalizePrefix(prefix));
  }

  /** {@link MemoryBackend.stat}, synchronously. @param path - a file or directory */
  statSync(path: string): ObjectInfo {
    return this.#core.info(this.#core.gate.enter("statSync", path));
  }

  // Synchronous twins of the writes, for omnistorage-ts/fs (see sync-operations.ts).
  /** A directory's immediate children (`""` is the root). @param dir - a directory */
  childrenSync(dir: string): MemoryChild[] {
    return childrenSync(this.#core, dir);
  }

  /** A whole file, stored at once. @param path - the file @param data - its bytes (copied) @param options - as `newWriter`'s */
  writeSync(path: string, data: Uint8Array, options: WriterOptions = {}): void {
    writeSync(this.#core, path, data, checkWriterOptions(path, options));
  }

  /** {@link MemoryBackend.delete}, synchronously. @param path - a file */
  deleteSync(path: string): void {
    runSync(this.#core, "delete", path, (p) => this.#core.store.delete("delete", p));
  }

  /** {@link MemoryBackend.mkdir}, synchronously. @param path - a directory */
  mkdirSync(path: string): void {
    runSync(this.#core, "mkdir", path, (p) => this.#core.store.mkdir("mkdir", p, this.#core.now()));
  }

  /** {@link MemoryBackend.rmdir}, synchronously. @param path - a directory @param options - `recursive` */
  rmdirSync(path: string, options: { recursive?: boolean } = {}): void {
    const recursive = options.recursive === true;
    runSync(this.#core, "rmdir", path, (p) => this.#core.store.rmdir("rmdir", p, recursive));
  }

  /** {@link MemoryBackend.copy}, synchronously. @param src - source @param dst - exact destination */
  copySync(src: string, dst: string): void {
    transferSync(this.#core, "copy", src, dst);
  }

  /** {@link MemoryBackend.move}, synchronously. @param src - source @param dst - exact destination */
  moveSync(src: string, dst: string): void {
    transferSync(this.#core, "move", src, dst);
  }

  /** Readers and writers not closed (nor failed) yet, with where each was opened; fixtures use it to flag leaks. */
  openHandles(): OpenHandle[] {
    return this.#handles.list();
  }

  // ---- Fault injection and journal ------------------------------------------------------

  /**
   * Makes matching operations fail or wait, until the handle is removed (or `times` uses are
   * spent). Faults apply after the path is checked and before anything changes, so a failed
   * call leaves no trace; a fault on `close` or `read` leaves the stored content as it was.
   *
   * @param fault - `op` (a method name, `write`, `close`, `read` or `"*"`), `path` (exact,
   *   glob or RegExp, matched against the call's argument as the call spells it after
   *   normalisation), `error` (an Error or a factory; default `PermissionDeniedError`),
   *   `times`, `delayMs` (a pure delay lets the call go on)
   * @returns a handle whose `remove()` (or `using`) takes the fault away
   * @throws BackendClosedError on a closed backend
   * @example
   * ```ts
   * backend.inject({ op: "write", path: "out/**", error: new Error("EIO") });
   * using slow = backend.inject({ op: "newReader", delayMs: 100 });
   * ```
   */
  inject(fault: FaultSpec): FaultHandle {
    this.#core.gate.check("inject", "");
    this.#core.faults ??= new FaultSet();
    return this.#core.faults.add(fault);
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.#core.faults?.clear();
  }

  /**
   * Every operation done so far, in call order: backend methods (with their outcome), one
   * `write` entry per writer when it commits (`bytes`) or fails, and a `read` entry for each
   * reader chunk that failed. The synchronous inspection methods are not recorded.
   */
  get journal(): readonly JournalEntry[] {
    return this.#core.journal.entries;
  }

  /** Empties {@link MemoryBackend.journal}. */
  clearJournal(): void {
    this.#core.journal.clear();
  }

  /** True once {@link MemoryBackend.close} was called. */
  get closed(): boolean {
    return this.#core.closed;
  }
}

export type { OpenHandle } from "../core/types.js";
export type { MemoryCheckpoint } from "./checkpoint.js";
export type { MemoryBackendOptions } from "./memory-core.js";
export type { MemoryChild } from "./sync-operations.js";
