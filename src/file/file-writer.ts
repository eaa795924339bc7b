import type { FileHandle } from "node:fs/promises";
import { BaseWriter } from "../core/base-writer.js";
import { BackendClosedError } from "../core/errors.js";
import type { CommitPlace } from "./commit-order.js";
import { mapFsError } from "./fs-errors.js";

/** What a file writer needs from its backend. */
export interface FileWriterHost {
  /** True once the backend is closed. */
  readonly closed: boolean;
  /** Moves the finished temporary file to `writer.path` (parents created); throws to fail. */
  install(op: "close", path: string, temp: string): Promise<void>;
  /** Removes what is left of the temporary file. */
  discardTemp(temp: string): Promise<void>;
  /** The writer is done. */
  release(writer: FileWriter): void;
  /**
   * Takes the next place in the queue of commits to `path`: `turn` settles when every writer
   * that closed earlier has installed (or given up); call `done` once this one has.
   */
  queueCommit(path: string): CommitPlace;
}

/**
 * Streams chunks into a temporary file in the staging directory; `close` sets the modification
 * time, closes the descriptor and renames the file over its target, which is atomic: readers
 * see the old file or the new one, never a part.
 */
export class FileWriter extends BaseWriter {
  readonly #host: FileWriterHost;
  readonly #temp: string;
  readonly #modTime: Date | undefined;
  #fh: FileHandle | undefined;
  #pending: Promise<unknown> = Promise.resolve();
  #dropped: Promise<void> | undefined;
  #committing = false;
  /** This writer's place among the commits to its path, taken when `close()` is called. */
  #place: CommitPlace | undefined;

  /**
   * @param host - the backend
   * @param path - the normalised target path
   * @param fh - the temporary file, open for writing
   * @param temp - its absolute path
   * @param modTime - the modification time to set at commit
   * @param signal - aborting it aborts the writer
   */
  constructor(
    host: FileWriterHost,
    path: string,
    fh: FileHandle,
    temp: string,
    modTime: Date | undefined,
    signal: AbortSignal | undefined,
  ) {
    super(path, signal);
    this.#host = host;
    this.#fh = fh;
    this.#temp = temp;
    this.#modTime = modTime;
  }

  /**
   * Takes the writer's place among the commits to its path at the call, so that the last
   * `close()` called wins even when an earlier writer still has more to write (renames would
   * otherwise land in the order the writes finish).
   */
  override close(): Promise<void> {
    if (this.isOpen) this.#place ??= this.#host.queueCommit(this.path);
    return super.close();
  }

  protected writeChunk(bytes: Uint8Array): Promise<void> {
    const step = this.#writeAll(bytes);
    this.#pending = step.catch(() => undefined);
    return step;
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    const fh = this.#fh;
    if (this.#host.closed || !fh) throw new BackendClosedError("write", this.path);
    try {
      for (let at = 0; at < bytes.length; ) {
        at += (await fh.write(bytes, at, bytes.length - at)).bytesWritten;
      }
    } catch (err) {
      if (this.#host.closed) throw new BackendClosedError("write", this.path, { cause: err });
      throw mapFsError("write", this.path, err);
    }
  }

  protected async commit(): Promise<void> {
    const fh = this.#fh;
    if (this.#host.closed || !fh) throw new BackendClosedError("close", this.path);
    this.#committing = true;
    try {
      if (this.#modTime) await setModTime(this.path, fh, this.#modTime);
      this.#fh = undefined;
      await fh.close();
    } catch (err) {
      throw mapFsError("close", this.path, err);
    }
    try {
      await this.#place?.turn;
      if (this.#host.closed) throw new BackendClosedError("close", this.path);
      await this.#host.install("close", this.path, this.#temp);
    } finally {
      this.#place?.done();
    }
    await this.#dropTemp();
  }

  protected discard(): Promise<void> {
    // An aborted or failed writer gives up its place: later commits to the path go on.
    this.#place?.done();
    return this.#dropTemp();
  }

  protected release(): void {
    this.#host.release(this);
  }

  /**
   * Called when the backend closes under an open writer: waits for the write in flight, then
   * closes the descriptor and removes the temporary file. The writer stays open, so its
   * `write` and `close` reject with `BackendClosedError`. A commit already under way finishes;
   * an abort under way (from a signal or a failed pipeline) is waited for.
   */
  async shutdown(): Promise<void> {
    if (this.#committing) return;
    await this.#pending;
    await this.#dropTemp();
  }

  /** Closes the descriptor and removes the temporary file, once; every caller awaits the same. */
  #dropTemp(): Promise<void> {
    this.#dropped ??= (async () => {
      const fh = this.#fh;
      this.#fh = undefined;
      await fh?.close().catch(() => undefined);
      await this.#host.discardTemp(this.#temp);
    })();
    return this.#dropped;
  }
}

/**
 * Sets the file's times to `modTime` and checks that the filesystem kept it: ext4 silently
 * clamps to 1901..2446, and a time stored other than asked would make every later sync copy
 * the file again. A second and more apart is a refusal (some filesystems keep whole seconds).
 */
async function setModTime(path: string, fh: FileHandle, modTime: Date): Promise<void> {
  await fh.utimes(modTime, modTime);
  const held = (await fh.stat()).mtimeMs;
  if (Math.abs(held - modTime.getTime()) >= 1000) {
    throw new RangeError(
      `close ${JSON.stringify(path)}: modTime ${modTime.toISOString()} is outside what the filesystem under the root can store (it kept ${new Date(held).toISOString()})`,
    );
  }
}
