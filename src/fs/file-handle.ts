import { bytesOf, optionsOf, output } from "./data.js";
import { type Io, inTurn, type Step } from "./io.js";
import { toFsError } from "./node-errors.js";
import type { OpenFile, WriteArgs } from "./open-file.js";
import { checkReadRange } from "./ranges.js";
import type { Stats } from "./stats.js";

/**
 * The arguments of `write`/`writeSync`/`filehandle.write`, in both of Node's spellings:
 * `(buffer, offset?, length?, position?)` and `(string, position?, encoding?)`.
 */
export function writeArgs(data: unknown, a?: unknown, b?: unknown, c?: unknown): WriteArgs {
  if (typeof data === "string") {
    const position = typeof a === "number" ? a : null;
    const encoding = (
      typeof a === "string" ? a : typeof b === "string" ? b : "utf8"
    ) as BufferEncoding;
    return { bytes: bytesOf(data, encoding), position };
  }
  const all = bytesOf(data);
  if (typeof a === "object" && a !== null) {
    const o = a as { offset?: number; length?: number; position?: number | null };
    const offset = o.offset ?? 0;
    return {
      bytes: all.subarray(offset, offset + (o.length ?? all.length - offset)),
      position: o.position ?? null,
    };
  }
  const offset = typeof a === "number" ? a : 0;
  const length = typeof b === "number" ? b : all.length - offset;
  return {
    bytes: all.subarray(offset, offset + length),
    position: typeof c === "number" ? c : null,
  };
}

/** `read`'s arguments in any of Node's spellings, range-checked as Node does. */
export function readArgs(
  buffer: unknown,
  a?: unknown,
  b?: unknown,
  c?: unknown,
): { buffer: Uint8Array; offset: number; length: number; position: number | null } {
  const r = spelledReadArgs(buffer, a, b, c);
  return { buffer: r.buffer, ...checkReadRange(r.buffer.length, r.offset, r.length, r.position) };
}

/** The arguments of `read`/`readSync`/`filehandle.read`. */
function spelledReadArgs(
  buffer: unknown,
  a?: unknown,
  b?: unknown,
  c?: unknown,
): { buffer: Uint8Array; offset: number; length: number; position: number | null } {
  if (!(buffer instanceof Uint8Array)) {
    const o = (buffer ?? {}) as {
      buffer?: Uint8Array;
      offset?: number;
      length?: number;
      position?: number | null;
    };
    const target = o.buffer ?? Buffer.alloc(16384);
    return {
      buffer: target,
      offset: o.offset ?? 0,
      length: o.length ?? target.length,
      position: o.position ?? null,
    };
  }
  if (typeof a === "object" && a !== null) {
    const o = a as { offset?: number; length?: number; position?: number | null };
    return {
      buffer,
      offset: o.offset ?? 0,
      length: o.length ?? buffer.length,
      position: o.position ?? null,
    };
  }
  const offset = typeof a === "number" ? a : 0;
  return {
    buffer,
    offset,
    length: typeof b === "number" ? b : buffer.length - offset,
    position: typeof c === "number" ? c : null,
  };
}

/** Runs a handle step, reporting backend failures as the disk would (`EIO`, `ENOSPC` …). */
type Runner = <T>(step: Step<T>, syscall: string) => Promise<T>;

/**
 * `node:fs/promises`'s `FileHandle` over an open file of the facade.
 * @public
 */
export class FileHandle {
  readonly #file: OpenFile;
  readonly #io: Io;
  readonly #run: Runner;
  readonly #release: () => void;

  /** @internal */
  constructor(file: OpenFile, io: Io, run: Runner, release: () => void) {
    this.#file = file;
    this.#io = io;
    this.#run = run;
    this.#release = release;
  }

  /** The descriptor number (the facade's own, not the operating system's). */
  get fd(): number {
    return this.#file.closed ? -1 : this.#file.fd;
  }

  /** Reads into a buffer: `{ bytesRead, buffer }`. */
  async read(
    buffer?: unknown,
    offset?: unknown,
    length?: unknown,
    position?: unknown,
  ): Promise<{
    /** How many bytes were read: 0 at the end of the file. */
    bytesRead: number;
    /** The buffer read into. */
    buffer: Uint8Array;
  }> {
    const args = readArgs(buffer, offset, length, position);
    const bytesRead = this.#file.read(args.buffer, args.offset, args.length, args.position);
    return { bytesRead, buffer: args.buffer };
  }

  /** Writes a buffer or a string: `{ bytesWritten, buffer }`. */
  async write(
    data: unknown,
    a?: unknown,
    b?: unknown,
    c?: unknown,
  ): Promise<{
    /** How many bytes were written. */
    bytesWritten: number;
    /** What was given to write, as given. */
    buffer: unknown;
  }> {
    const bytesWritten = await this.#run(
      this.#file.write(this.#io, writeArgs(data, a, b, c)),
      "write",
    );
    return { bytesWritten, buffer: data };
  }

  /** The rest of the file from the current position. */
  async readFile(options?: unknown): Promise<Buffer | string> {
    return output(this.#file.readRest(), optionsOf(options).encoding);
  }

  /** Writes `data` at the current position. */
  async writeFile(data: unknown, options?: unknown): Promise<void> {
    await this.write(bytesOf(data, optionsOf(options).encoding));
  }

  /** Appends `data` (at the current position unless opened for append, as Node does). */
  async appendFile(data: unknown, options?: unknown): Promise<void> {
    await this.writeFile(data, options);
  }

  /** Cuts or extends the file. */
  async truncate(length = 0): Promise<void> {
    await this.#run(this.#file.truncate(this.#io, length), "ftruncate");
  }

  /** The file's Stats. */
  async stat(): Promise<Stats> {
    return this.#file.stat();
  }

  /** No-op: every write is already stored. */
  async sync(): Promise<void> {}

  /** No-op: every write is already stored. */
  async datasync(): Promise<void> {}

  /** Closes the handle. */
  async close(): Promise<void> {
    // Node closes after the handle's pending operations, so an unawaited write still lands.
    await this.#run(
      inTurn(() => {
        if (this.#file.closed) return;
        this.#file.close();
        this.#release();
      }),
      "close",
    );
  }

  /** `await using handle = await fs.promises.open(…)`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Maps a failure inside a handle step to Node's error for `syscall`. */
export function handleError(err: unknown, syscall: string, path: string): unknown {
  if ((err as { syscall?: unknown } | null)?.syscall !== undefined) return err;
  return toFsError(err, syscall, path);
}
