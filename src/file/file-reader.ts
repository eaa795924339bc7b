import type { FileHandle } from "node:fs/promises";
import { BaseReader } from "../core/base-reader.js";
import { BackendClosedError } from "../core/errors.js";
import { mapFsError } from "./fs-errors.js";

/** What a file reader needs from its backend. */
export interface FileReaderHost {
  /** True once the backend is closed. */
  readonly closed: boolean;
  /** The reader is done. */
  release(reader: FileReader): void;
}

/** Bytes per chunk handed out. */
const CHUNK_SIZE = 64 * 1024;

/**
 * Streams a byte range of a file through a descriptor opened at `newReader` time. On POSIX an
 * open descriptor keeps the inode it opened, so a later rename over the path or a delete does
 * not change what this reader sees: the content as of open.
 */
export class FileReader extends BaseReader {
  readonly #host: FileReaderHost;
  #fh: FileHandle | undefined;
  #position: number;
  #end: number;

  /**
   * @param host - the backend
   * @param path - the normalised path
   * @param fh - the open file
   * @param start - first byte to read
   * @param end - one past the last byte to read (at most the size at open)
   * @param signal - aborting it fails the next read
   */
  constructor(
    host: FileReaderHost,
    path: string,
    fh: FileHandle,
    start: number,
    end: number,
    signal: AbortSignal | undefined,
  ) {
    super(path, signal);
    this.#host = host;
    this.#fh = fh;
    this.#position = start;
    this.#end = end;
  }

  protected async readChunk(): Promise<Uint8Array | null> {
    const fh = this.#fh;
    if (this.#host.closed || !fh) throw new BackendClosedError("read", this.path);
    if (this.#position >= this.#end) return null;
    const want = Math.min(CHUNK_SIZE, this.#end - this.#position);
    // A fresh buffer per chunk: the caller owns it.
    const chunk = new Uint8Array(want);
    let got: number;
    try {
      got = (await fh.read(chunk, 0, want, this.#position)).bytesRead;
    } catch (err) {
      if (this.#host.closed) throw new BackendClosedError("read", this.path, { cause: err });
      throw mapFsError("read", this.path, err);
    }
    if (got === 0) {
      // Truncated by someone else since open: end here rather than loop.
      this.#end = this.#position;
      return null;
    }
    this.#position += got;
    return got === want ? chunk : chunk.slice(0, got);
  }

  protected async release(): Promise<void> {
    await this.detach();
    this.#host.release(this);
  }

  /** Closes the descriptor (when the backend closes); later reads reject. Idempotent. */
  async detach(): Promise<void> {
    const fh = this.#fh;
    this.#fh = undefined;
    await fh?.close().catch(() => undefined);
  }
}
