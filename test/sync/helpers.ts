import { BaseReader } from "../../src/core/base-reader.js";
import { PermissionDeniedError } from "../../src/core/errors.js";
import { readFile, writeFile } from "../../src/core/helpers.js";
import type {
  Backend,
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
} from "../../src/core/types.js";
import { isExtended } from "../../src/core/types.js";

const decoder = new TextDecoder();

/** Seeds files, all with one modification time unless a file's own is given. */
export async function seed(
  backend: Backend,
  files: Record<string, string | { content: string; modTime: Date }>,
  modTime = new Date("2024-01-01T00:00:00Z"),
): Promise<void> {
  for (const [path, value] of Object.entries(files)) {
    const { content, modTime: time } =
      typeof value === "string" ? { content: value, modTime } : value;
    await writeFile(backend, path, content, { modTime: time });
  }
}

/** Every file below `prefix` (relative to it) with its UTF-8 content. */
export async function contents(backend: Backend, prefix = ""): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const folder = prefix === "" ? "" : `${prefix}/`;
  for (const path of await backend.list(folder)) {
    out[path.slice(folder.length)] = decoder.decode(await readFile(backend, path));
  }
  return out;
}

/** Contents plus modification times, to prove that nothing at all changed. */
export async function fullState(backend: ExtendedBackend): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of await backend.list("")) {
    const info = await backend.stat(path);
    out[path] =
      `${decoder.decode(await readFile(backend, path))} @${info.modTime.toISOString()} ${info.contentType}`;
  }
  return out;
}

/** A reader that hands out the first half of the content, then fails. */
class FailingReader extends BaseReader {
  #data: Uint8Array | undefined;
  constructor(path: string, data: Uint8Array) {
    super(path);
    this.#data = data;
  }
  protected readChunk(): Uint8Array | null {
    const data = this.#data;
    if (data === undefined) throw new Error(`disk read error in ${this.path}`);
    this.#data = undefined;
    return data.slice(0, Math.max(1, data.length >> 1));
  }
  protected release(): void {}
}

/**
 * Wraps a backend and makes chosen paths fail: reads mid-stream, writer opening, deletes,
 * listing. Counts writers in flight (for concurrency) and lets a test run code when a writer
 * opens. Keeps the `ExtendedBackend` face of what it wraps.
 */
export class ScriptedBackend implements ExtendedBackend {
  readonly failReads = new Set<string>();
  readonly failWrites = new Set<string>();
  readonly failDeletes = new Set<string>();
  failList = false;
  writersOpen = 0;
  peakWriters = 0;
  readonly opened: string[] = [];
  onWriterOpen: ((path: string) => void | Promise<void>) | undefined;
  readonly #inner: ExtendedBackend;

  constructor(inner: Backend) {
    if (!isExtended(inner)) throw new TypeError("ScriptedBackend wraps an ExtendedBackend");
    this.#inner = inner;
  }

  async newWriter(path: string, options?: WriterOptions): Promise<Writer> {
    if (this.failWrites.has(path)) throw new PermissionDeniedError("newWriter", path);
    const writer = await this.#inner.newWriter(path, options);
    this.opened.push(path);
    this.writersOpen++;
    this.peakWriters = Math.max(this.peakWriters, this.writersOpen);
    await this.onWriterOpen?.(path);
    const done = <T>(p: Promise<T>) =>
      p.finally(() => {
        this.writersOpen--;
      });
    let settled = false;
    const settle = <T>(p: Promise<T>) => {
      if (settled) return p;
      settled = true;
      return done(p);
    };
    return {
      path: writer.path,
      write: (chunk) => writer.write(chunk),
      close: () => settle(writer.close()),
      abort: (reason) => settle(writer.abort(reason)),
      toWritable: () => writer.toWritable(),
      toWritableStream: () => writer.toWritableStream(),
    };
  }
  async newReader(path: string, options?: ReaderOptions): Promise<Reader> {
    if (this.failReads.has(path)) {
      return new FailingReader(path, await readFile(this.#inner, path));
    }
    return this.#inner.newReader(path, options);
  }
  exists(path: string, options?: SignalOptions) {
    return this.#inner.exists(path, options);
  }
  async delete(path: string, options?: SignalOptions) {
    if (this.failDeletes.has(path)) throw new PermissionDeniedError("delete", path);
    return this.#inner.delete(path, options);
  }
  async list(prefix?: string, options?: SignalOptions) {
    if (this.failList) throw new PermissionDeniedError("list", prefix ?? "");
    return this.#inner.list(prefix, options);
  }
  close() {
    return this.#inner.close();
  }
  stat(path: string, options?: SignalOptions): Promise<ObjectInfo> {
    return this.#inner.stat(path, options);
  }
  hash(path: string, algorithm: HashAlgorithm, options?: SignalOptions) {
    return this.#inner.hash(path, algorithm, options);
  }
  mkdir(path: string, options?: SignalOptions) {
    return this.#inner.mkdir(path, options);
  }
  rmdir(path: string, options?: RmdirOptions) {
    return this.#inner.rmdir(path, options);
  }
  copy(src: string, dst: string, options?: SignalOptions) {
    return this.#inner.copy(src, dst, options);
  }
  move(src: string, dst: string, options?: SignalOptions) {
    return this.#inner.move(src, dst, options);
  }
  features(): Features {
    return this.#inner.features();
  }
  [Symbol.asyncDispose]() {
    return this.#inner.close();
  }
}

/** Only the plain `Backend` face of a backend: no stat, no hash (as a minimal custom backend). */
export function plainBackend(inner: Backend): Backend {
  return {
    newWriter: (path, options) => inner.newWriter(path, options),
    newReader: (path, options) => inner.newReader(path, options),
    exists: (path, options) => inner.exists(path, options),
    delete: (path, options) => inner.delete(path, options),
    list: (prefix, options) => inner.list(prefix, options),
    close: () => inner.close(),
    [Symbol.asyncDispose]: () => inner.close(),
  };
}
