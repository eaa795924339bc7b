// The plain `Map` baseline: the thinnest hand-rolled fake of the Backend interface, so it is
// called with exactly the same async shape as a backend (through the same `writeFile` and
// `readFile` helpers). Exactly what it does:
// - files live in a `Map<path, Uint8Array[]>` (the chunks as written); explicit directories
//   (from mkdir) in a `Set`; paths are not normalised or validated, parents are never created
//   or checked, there are no modification times, content types, snapshots or journal;
// - `newWriter` returns a writer whose `write` copies the chunk (`slice()`, as the contract
//   demands) and whose `close` stores the chunks in the Map; `newReader` returns a reader that
//   hands out a copy of each stored chunk;
// - `copy` shares the stored chunks (they are never mutated), `move` is copy + delete;
// - `list` and `rmdir` scan every key, because a Map has no order to seek in;
// - every method is an `async` function, so each call costs one promise, like a backend call.

const encoder = new TextEncoder();

class MapWriter {
  #files;
  #path;
  #chunks = [];

  constructor(files, path) {
    this.#files = files;
    this.#path = path;
  }

  /** @param {Uint8Array | string} chunk - copied now */
  async write(chunk) {
    this.#chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice());
  }

  async close() {
    this.#files.set(this.#path, this.#chunks);
  }

  async abort() {
    this.#chunks = [];
  }
}

class MapReader {
  #chunks;
  #next = 0;

  constructor(chunks) {
    this.#chunks = chunks;
  }

  /** @returns {Promise<Uint8Array | null>} a copy of the next chunk */
  async read() {
    const chunk = this.#chunks[this.#next++];
    return chunk === undefined ? null : chunk.slice();
  }

  async close() {
    this.#chunks = [];
  }
}

/** A Map-backed fake with the Backend methods the workloads call. */
export class MapBaseline {
  files = new Map();
  dirs = new Set();

  /** @param {string} path - the file to write */
  async newWriter(path) {
    return new MapWriter(this.files, path);
  }

  /** @param {string} path - the file to read */
  async newReader(path) {
    const chunks = this.files.get(path);
    if (chunks === undefined) throw new Error(`ENOENT ${path}`);
    return new MapReader(chunks);
  }

  /** @param {string} path - file or explicit directory */
  async exists(path) {
    return this.files.has(path) || this.dirs.has(path);
  }

  /** @param {string} prefix - plain string prefix; every key is scanned */
  async list(prefix) {
    const out = [];
    for (const key of this.files.keys()) if (key.startsWith(prefix)) out.push(key);
    return out.sort();
  }

  /** @param {string} dir - recorded as an explicit directory */
  async mkdir(dir) {
    this.dirs.add(dir);
  }

  /** @param {string} dir - must be empty; every key is scanned to check */
  async rmdir(dir) {
    if (!this.dirs.has(dir)) throw new Error(`ENOENT ${dir}`);
    const prefix = `${dir}/`;
    for (const key of this.files.keys()) {
      if (key.startsWith(prefix)) throw new Error(`ENOTEMPTY ${dir}`);
    }
    this.dirs.delete(dir);
  }

  /**
   * @param {string} src - existing file
   * @param {string} dst - new path
   */
  async copy(src, dst) {
    const chunks = this.files.get(src);
    if (chunks === undefined) throw new Error(`ENOENT ${src}`);
    this.files.set(dst, chunks);
  }

  /**
   * @param {string} src - existing file
   * @param {string} dst - new path
   */
  async move(src, dst) {
    await this.copy(src, dst);
    this.files.delete(src);
  }

  async close() {
    this.files.clear();
    this.dirs.clear();
  }
}
