import type { FsPath } from "./fs-paths.js";
import type { Io, Step } from "./io.js";
import { fsError } from "./node-errors.js";
import { Stats } from "./stats.js";
import { type OpenMode, openFile } from "./write-ops.js";

/** Arguments of a positional write, however the caller spelled them. */
export interface WriteArgs {
  readonly bytes: Uint8Array;
  readonly position: number | null;
}

/**
 * An open file: its content as of `open` plus this handle's own writes. Every write is stored
 * at once (the whole file, atomically), so other readers see it as they would on a disk.
 */
export class OpenFile {
  readonly fd: number;
  readonly path: FsPath;
  readonly mode: OpenMode;
  #content: Uint8Array;
  #size: number;
  position = 0;
  closed = false;
  /** Opened a directory (read-only, as `open(2)` allows): reading it is `EISDIR`. */
  isDir = false;

  private constructor(fd: number, path: FsPath, mode: OpenMode, content: Uint8Array) {
    this.fd = fd;
    this.path = path;
    this.mode = mode;
    this.#content = content;
    this.#size = content.length;
  }

  /** Opens `path` as `open(2)` would with `mode`, creating or truncating it when asked. */
  static *open(io: Io, fd: number, path: FsPath, mode: OpenMode): Step<OpenFile> {
    const info = yield* io.stat(path.key);
    const existed = info !== undefined;
    const content = yield* openFile(io, path, mode);
    const file = new OpenFile(fd, path, mode, content);
    file.isDir = info?.isDir === true;
    if (mode.write && (mode.truncate || !existed)) yield* file.#flush(io);
    return file;
  }

  /** Reads into `buffer`; `position` null reads at (and advances) the file position. */
  read(buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    this.#checkRead();
    const at = position ?? this.position;
    const n = Math.max(0, Math.min(length, this.#size - at, buffer.length - offset));
    buffer.set(this.#content.subarray(at, at + n), offset);
    if (position === null) this.position += n;
    return n;
  }

  /** What is left from the file position, advancing it. */
  readRest(): Uint8Array {
    this.#checkRead();
    const rest = this.#content.slice(this.position, this.#size);
    this.position = this.#size;
    return rest;
  }

  /** Writes at `position` (or the file position; always the end when appending), then stores. */
  *write(io: Io, { bytes, position }: WriteArgs): Step<number> {
    this.#check("write");
    if (!this.mode.write) throw fsError("EBADF", "write");
    const at = this.mode.append ? this.#size : (position ?? this.position);
    this.#reserve(at + bytes.length);
    this.#content.set(bytes, at);
    this.#size = Math.max(this.#size, at + bytes.length);
    if (position === null || this.mode.append) this.position = at + bytes.length;
    yield* this.#flush(io);
    return bytes.length;
  }

  /** Cuts or zero-extends the file to `length`, then stores. */
  *truncate(io: Io, length: number): Step<void> {
    this.#check("ftruncate");
    if (!this.mode.write) throw fsError("EINVAL", "ftruncate");
    this.#reserve(length);
    if (length < this.#size) this.#content.fill(0, length, this.#size);
    this.#size = length;
    yield* this.#flush(io);
  }

  /** The file's `Stats` as this handle sees it. */
  stat(): Stats {
    this.#check("fstat");
    return new Stats({ isDir: false, size: this.#size, mtime: new Date() });
  }

  /** Releases the handle; closing twice is `EBADF`, as for a real descriptor. */
  close(): void {
    this.#check("close");
    this.closed = true;
  }

  #checkRead(): void {
    this.#check("read");
    if (!this.mode.read) throw fsError("EBADF", "read");
    if (this.isDir) throw fsError("EISDIR", "read");
  }

  #check(syscall: string): void {
    if (this.closed) throw fsError("EBADF", syscall);
  }

  #reserve(size: number): void {
    if (size <= this.#content.length) return;
    const grown = new Uint8Array(Math.max(size, this.#content.length * 2));
    grown.set(this.#content.subarray(0, this.#size));
    this.#content = grown;
  }

  *#flush(io: Io): Step<void> {
    yield* io.write(this.path.key, this.#content.slice(0, this.#size));
  }
}
