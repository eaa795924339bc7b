import type { FileHandle } from "./file-handle.js";
import { FileHandle as Handle, handleError, readArgs, writeArgs } from "./file-handle.js";
import { type Io, type Runner, runSync, type Step } from "./io.js";
import { fsError } from "./node-errors.js";
import { OpenFile } from "./open-file.js";
import type { FsContext } from "./operations.js";
import { openMode } from "./write-ops.js";

/**
 * The facade's file descriptors: numbers from 100 up, its own (not the operating system's),
 * shared by `open`/`read`/`write`/`close` in callback and Sync form and by FileHandles.
 */
export class Descriptors {
  readonly #open = new Map<number, OpenFile>();
  #next = 100;
  readonly #ctx: FsContext;
  readonly #run: Runner;

  /** @param ctx - the facade's path resolution @param run - the facade's serial runner */
  constructor(ctx: FsContext, run: Runner) {
    this.#ctx = ctx;
    this.#run = run;
  }

  /** Opens a file; the step yields its descriptor. */
  *open(io: Io, path: unknown, flags: unknown): Step<OpenFile> {
    const p = this.#ctx.path(path);
    const file = yield* OpenFile.open(io, this.#next++, p, openMode(flags, "r"));
    this.#open.set(file.fd, file);
    return file;
  }

  /** The open file behind `fd`; `EBADF` for a closed or unknown one. */
  get(fd: unknown, syscall: string): OpenFile {
    const file = typeof fd === "number" ? this.#open.get(fd) : undefined;
    if (!file || file.closed) throw fsError("EBADF", syscall);
    return file;
  }

  /** Forgets a closed descriptor. */
  release(fd: number): void {
    this.#open.delete(fd);
  }

  /** `fs.promises.open`: a FileHandle. */
  async handle(io: Io, path: unknown, flags: unknown): Promise<FileHandle> {
    const file = await this.#run(this.open(io, path, flags));
    const run = <T>(step: Step<T>, syscall: string) =>
      this.#run(step).catch((err: unknown) => {
        throw handleError(err, syscall, file.path.given);
      });
    return new Handle(file, io, run, () => this.release(file.fd));
  }

  /** `closeSync(fd)`. */
  close(fd: unknown): void {
    const file = this.get(fd, "close");
    file.close();
    this.release(file.fd);
  }

  /** `readSync(fd, …)`: bytes read. */
  read(fd: unknown, args: unknown[]): number {
    const file = this.get(fd, "read");
    const a = readArgs(args[0], args[1], args[2], args[3]);
    return file.read(a.buffer, a.offset, a.length, a.position);
  }

  /** `writeSync(fd, …)` as a step: bytes written. */
  *write(io: Io, fd: unknown, args: unknown[]): Step<number> {
    const file = this.get(fd, "write");
    try {
      return yield* file.write(io, writeArgs(args[0], args[1], args[2], args[3]));
    } catch (err) {
      throw handleError(err, "write", file.path.given);
    }
  }

  /** Runs a descriptor step synchronously. */
  static sync<T>(step: Step<T>): T {
    return runSync(step);
  }
}
