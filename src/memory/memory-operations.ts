import { createHash } from "node:crypto";
import { treeBackendFeatures } from "../core/features.js";
import { checkHashAlgorithm } from "../core/hash-algorithms.js";
import { checkRange, checkWriterOptions } from "../core/options.js";
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
import { chunksOf } from "./entries.js";
import { HandleHost } from "./handle-host.js";
import { type MemoryBackendOptions, MemoryCore } from "./memory-core.js";

const FEATURES: Features = treeBackendFeatures({ customMetadata: true });

/**
 * The {@link ExtendedBackend} operations of {@link MemoryBackend}, over the state it shares
 * with its readers and writers ({@link MemoryCore}).
 */
export class MemoryOperations implements ExtendedBackend {
  /** @internal The store and the rules around it. */
  protected readonly core: MemoryCore;
  /** @internal The readers and writers. */
  protected readonly handles: HandleHost;

  /** @param options - `clock`, `quota` (checked here: a bad one throws a TypeError naming it) */
  constructor(options: MemoryBackendOptions = {}) {
    this.core = new MemoryCore(options);
    this.handles = new HandleHost(this.core);
  }

  // ---- Backend --------------------------------------------------------------------------
  // Each operation: check closed, normalise, apply faults, do the work, journal the outcome.

  async newWriter(path: string, options: WriterOptions = {}): Promise<Writer> {
    const core = this.core;
    let p = path;
    try {
      p = core.gate.enter("newWriter", path, options.signal);
      const wait = core.fault("newWriter", p, undefined, options.signal);
      if (wait) await wait;
      core.store.checkFileTarget("newWriter", p);
      const writer = this.handles.openWriter(p, checkWriterOptions(p, options));
      core.journal.ok("newWriter", p);
      return writer;
    } catch (err) {
      core.journal.error("newWriter", p, err);
      throw err;
    }
  }

  async newReader(path: string, options: ReaderOptions = {}): Promise<Reader> {
    const core = this.core;
    let p = path;
    try {
      p = core.gate.enter("newReader", path, options.signal);
      const { offset, limit } = checkRange(p, options.offset, options.limit);
      const wait = core.fault("newReader", p, undefined, options.signal);
      if (wait) await wait;
      const entry = core.file("newReader", p);
      const reader = this.handles.openReader(p, entry, { offset, limit, signal: options.signal });
      core.journal.ok("newReader", p, Math.max(0, Math.min(limit, entry.size - offset)));
      return reader;
    } catch (err) {
      core.journal.error("newReader", p, err);
      throw err;
    }
  }

  // Not `async`: these return the core's promise as it is; an async wrapper would add a
  // promise and two microtask turns to every call.
  exists(path: string, options?: SignalOptions): Promise<boolean> {
    return this.core.run(
      "exists",
      path,
      options?.signal,
      (p) => this.core.store.get(p) !== undefined,
    );
  }

  delete(path: string, options?: SignalOptions): Promise<void> {
    return this.core.run("delete", path, options?.signal, (p) =>
      this.core.store.delete("delete", p),
    );
  }

  async list(prefix?: string, options?: SignalOptions): Promise<string[]> {
    const core = this.core;
    let p = prefix ?? "";
    try {
      core.gate.check("list", p, options?.signal);
      p = normalizePrefix(prefix);
      const wait = core.fault("list", p, undefined, options?.signal);
      if (wait) await wait;
      const files = core.store.list(p);
      core.journal.ok("list", p);
      return files;
    } catch (err) {
      core.journal.error("list", p, err);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.core.gate.close()) this.core.store.clear();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- ExtendedBackend ------------------------------------------------------------------

  stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    return this.core.run("stat", path, options?.signal, (p) => this.core.info(p));
  }

  hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions): Promise<string> {
    const work = (p: string): string => {
      const hasher = createHash(algorithm);
      for (const chunk of chunksOf(this.core.file("hash", p))) hasher.update(chunk);
      return hasher.digest("hex");
    };
    return this.core.run("hash", path, options?.signal, work, (p) =>
      checkHashAlgorithm(p, algorithm),
    );
  }

  mkdir(path: string, options?: SignalOptions): Promise<void> {
    const core = this.core;
    return core.run("mkdir", path, options?.signal, (p) =>
      core.store.mkdir("mkdir", p, core.now()),
    );
  }

  rmdir(path: string, options: RmdirOptions = {}): Promise<void> {
    return this.core.run("rmdir", path, options.signal, (p) =>
      this.core.store.rmdir("rmdir", p, options.recursive === true),
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

  // ---- internals ------------------------------------------------------------------------

  async #transfer(op: "copy" | "move", src: string, dst: string, signal?: AbortSignal) {
    const core = this.core;
    let s = src;
    let d: string | undefined;
    try {
      core.gate.check(op, src, signal);
      s = normalizePath(op, src);
      d = normalizePath(op, dst);
      const wait = core.fault(op, s, d, signal);
      if (wait) await wait;
      const to = d;
      const now = core.now();
      if (op === "copy") core.withinQuota(op, to, () => core.store.transfer(op, s, to, now));
      else core.store.transfer(op, s, to, now);
      core.journal.ok(op, s, undefined, d);
    } catch (err) {
      core.journal.error(op, s, err, undefined, d ?? (typeof dst === "string" ? dst : undefined));
      throw err;
    }
  }
}
