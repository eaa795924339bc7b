import type { FileEntry } from "./entries.js";

// Chunks of at least this size are kept as written (their fixed cost is small beside them);
// smaller ones are copied together into pieces of up to PIECE bytes, so a file costs about
// its size whatever the size of the chunks it was written in.
const OWN_PIECE = 16 * 1024;
const PIECE = 64 * 1024;
const FIRST_BUFFER = 64;

// Every empty file shares this: zero bytes cannot be changed, and readers hand out copies.
const NO_BYTES = new Uint8Array(0);

/**
 * The chunks of one writer, coalesced: a single chunk is kept as it is (most files are
 * written in one piece), small ones are packed into a buffer that doubles up to 64 KiB, and
 * what is stored at the end holds no spare room.
 */
export class ChunkCollector {
  #pieces: Uint8Array[] = [];
  #only: Uint8Array | undefined;
  #buffer: Uint8Array | undefined;
  #used = 0;
  #size = 0;

  /** Bytes collected. */
  get size(): number {
    return this.#size;
  }

  /** Keeps `bytes` (a private copy: it is stored as it is or copied into a buffer). */
  add(bytes: Uint8Array): void {
    if (this.#size === 0 && this.#only === undefined) {
      this.#only = bytes;
      this.#size = bytes.length;
      return;
    }
    const only = this.#only;
    if (only !== undefined) {
      this.#only = undefined;
      this.#append(only);
    }
    this.#append(bytes);
    this.#size += bytes.length;
  }

  /** Everything collected, trimmed, as a file entry stores it; the collector is left empty. */
  finish(): FileEntry["data"] {
    const only = this.#only;
    if (only !== undefined || this.#size === 0) {
      this.#only = undefined;
      return only ?? NO_BYTES;
    }
    this.#flush();
    const pieces = this.#pieces;
    this.#pieces = [];
    this.#size = 0;
    return pieces.length === 1 ? (pieces[0] as Uint8Array) : Object.freeze(pieces);
  }

  /** Lets go of every byte collected; `size` still tells how many were taken. */
  drop(): void {
    this.#pieces = [];
    this.#only = undefined;
    this.#buffer = undefined;
    this.#used = 0;
  }

  #append(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n === 0) return;
    if (n >= OWN_PIECE) {
      this.#flush();
      this.#pieces.push(bytes);
      return;
    }
    let buffer = this.#buffer;
    if (buffer === undefined || this.#used + n > buffer.length) {
      if (buffer !== undefined && buffer.length >= PIECE) this.#flush();
      buffer = this.#grow(n);
    }
    buffer.set(bytes, this.#used);
    this.#used += n;
  }

  /** A buffer with room for `n` more bytes: doubled (up to PIECE), keeping what it holds. */
  #grow(n: number): Uint8Array {
    const old = this.#buffer;
    const used = old === undefined ? 0 : this.#used;
    let size = Math.max(FIRST_BUFFER, old === undefined ? 0 : old.length * 2);
    while (size < used + n) size *= 2;
    const buffer = new Uint8Array(Math.min(size, Math.max(PIECE, used + n)));
    if (old !== undefined) buffer.set(old.subarray(0, used));
    this.#buffer = buffer;
    return buffer;
  }

  /** Ends the current buffer as a piece of exactly the bytes it holds. */
  #flush(): void {
    const buffer = this.#buffer;
    if (buffer === undefined) return;
    const used = this.#used;
    if (used > 0) this.#pieces.push(used === buffer.length ? buffer : buffer.slice(0, used));
    this.#buffer = undefined;
    this.#used = 0;
  }
}
