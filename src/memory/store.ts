import {
  AlreadyExistsError,
  IsADirectoryError,
  NotADirectoryError,
  NotEmptyError,
  NotFoundError,
} from "../core/errors.js";
import { parentOf } from "../core/paths.js";
import { refuseIntoOwnSubtree } from "../core/transfer-rules.js";
import type { DirEntry, Entry, FileEntry } from "./entries.js";
import { type FrozenTree, SortedTree } from "./sorted-tree.js";

// Directories are hidden from the tree's key listings, so `list` never reads an entry.
const FILES_ONLY = { hide: (entry: Entry) => entry.dir };

/** An immutable state of a store: its tree and its counters. */
export interface StoreState {
  readonly tree: FrozenTree<Entry>;
  readonly bytes: number;
  readonly files: number;
}

/**
 * The memory backend's data and its rules, synchronous: every operation checks everything
 * first and then mutates, so a throw leaves the store as it was and no await can interleave.
 * Paths are normalised. Invariant: every stored entry's ancestors are stored directories.
 */
export class MemoryStore {
  #tree = new SortedTree<Entry>(undefined, FILES_ONLY);
  #bytes = 0;
  #files = 0;

  /** Total bytes of all files. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Number of files. */
  get files(): number {
    return this.#files;
  }

  get(path: string): Entry | undefined {
    return this.#tree.get(path);
  }

  freeze(): StoreState {
    return { tree: this.#tree.freeze(), bytes: this.#bytes, files: this.#files };
  }

  restore(state: StoreState): void {
    this.#tree.restore(state.tree);
    this.#bytes = state.bytes;
    this.#files = state.files;
  }

  clear(): void {
    this.#tree = new SortedTree<Entry>(undefined, FILES_ONLY);
    this.#bytes = 0;
    this.#files = 0;
  }

  /**
   * Checks that a file can be created at `path`: no directory there, no file above it.
   * @returns the missing ancestors, outermost last
   */
  checkFileTarget(op: string, path: string): string[] {
    if (this.#tree.get(path)?.dir) throw new IsADirectoryError(op, path);
    return this.#missingParents(op, path);
  }

  /** Stores a file, creating its parents; checks first. */
  putFile(op: string, path: string, entry: FileEntry): void {
    const missing = this.checkFileTarget(op, path);
    this.#createDirs(missing, entry.modTime);
    this.#setFile(path, entry);
  }

  /** `mkdir -p`. */
  mkdir(op: string, path: string, modTime: number): void {
    const existing = this.#tree.get(path);
    if (existing?.dir) return;
    if (existing) throw new AlreadyExistsError(op, path);
    const missing = this.#missingParents(op, path);
    this.#createDirs(missing, modTime);
    this.#tree.set(path, { dir: true, modTime });
  }

  rmdir(op: string, path: string, recursive: boolean): void {
    const entry = this.#tree.get(path);
    if (!entry) throw new NotFoundError(op, path);
    if (!entry.dir) throw new NotADirectoryError(op, path);
    if (!recursive && this.hasChildren(path)) throw new NotEmptyError(op, path);
    if (recursive) for (const [key] of this.#subtree(path)) this.#remove(key);
    this.#tree.delete(path);
  }

  /** Removes a file; missing is fine, a directory throws. */
  delete(op: string, path: string): void {
    const entry = this.#tree.get(path);
    if (!entry) return;
    if (entry.dir) throw new IsADirectoryError(op, path);
    this.#remove(path);
  }

  /** Files whose path starts with `prefix`, in order. */
  list(prefix: string): string[] {
    return this.#tree.keysWithPrefix(prefix);
  }

  /** Every entry, in path order. */
  entries(): [string, Entry][] {
    const out: [string, Entry][] = [];
    this.#tree.scan("", (key, entry) => {
      out.push([key, entry]);
      return true;
    });
    return out;
  }

  /** The immediate children of a directory (`""` is the root), in path order. */
  children(dir: string): [string, Entry][] {
    const prefix = dir === "" ? "" : `${dir}/`;
    const out: [string, Entry][] = [];
    this.#tree.scan(prefix, (key, entry) => {
      if (!key.startsWith(prefix)) return false;
      if (key.indexOf("/", prefix.length) < 0) out.push([key.slice(prefix.length), entry]);
      return true;
    });
    return out;
  }

  /** True when a directory holds anything. */
  hasChildren(dir: string): boolean {
    const prefix = `${dir}/`;
    let found = false;
    this.#tree.scan(prefix, (key) => {
      found = key.startsWith(prefix);
      return false;
    });
    return found;
  }

  /**
   * Copies or moves a file or a directory subtree to the exact path `dst`. A copy shares the
   * immutable bytes and takes `now` as its modification time; a move keeps entries as they are.
   */
  transfer(op: "copy" | "move", src: string, dst: string, now: number): void {
    const entry = this.#tree.get(src);
    if (!entry) throw new NotFoundError(op, src);
    if (src === dst) return;
    const keep = op === "move";
    if (!entry.dir) {
      const missing = this.checkFileTarget(op, dst);
      this.#createDirs(missing, now);
      this.#setFile(dst, keep ? entry : { ...entry, modTime: now });
      if (keep) this.#remove(src);
      return;
    }
    refuseIntoOwnSubtree(op, src, dst);
    if (this.#tree.get(dst)) throw new AlreadyExistsError(op, dst);
    const missing = this.#missingParents(op, dst);
    const below = this.#subtree(src);
    this.#createDirs(missing, now);
    if (keep) {
      for (const [key] of below) this.#remove(key);
      this.#tree.delete(src);
    }
    this.#tree.set(dst, keep ? entry : ({ dir: true, modTime: now } satisfies DirEntry));
    const cut = src.length;
    for (const [key, child] of below) {
      const moved = keep ? child : { ...child, modTime: now };
      if (moved.dir) this.#tree.set(dst + key.slice(cut), moved);
      else this.#setFile(dst + key.slice(cut), moved);
    }
  }

  /** Entries strictly below `dir`, in order. */
  #subtree(dir: string): [string, Entry][] {
    const prefix = `${dir}/`;
    const out: [string, Entry][] = [];
    this.#tree.scan(prefix, (key, entry) => {
      if (!key.startsWith(prefix)) return false;
      out.push([key, entry]);
      return true;
    });
    return out;
  }

  /** Ancestors of `path` that do not exist yet; throws when one of them is a file. */
  #missingParents(op: string, path: string): string[] {
    const missing: string[] = [];
    for (let dir = parentOf(path); dir !== ""; dir = parentOf(dir)) {
      const entry = this.#tree.get(dir);
      if (entry?.dir) break; // its own ancestors are directories, by the invariant
      if (entry) {
        throw new NotADirectoryError(op, path, {
          message: `${op} ${JSON.stringify(path)}: not a directory: ${JSON.stringify(dir)} is a file`,
        });
      }
      missing.push(dir);
    }
    return missing;
  }

  #createDirs(missing: readonly string[], modTime: number): void {
    for (const dir of missing) this.#tree.set(dir, { dir: true, modTime });
  }

  #setFile(path: string, entry: FileEntry): void {
    const old = this.#tree.get(path);
    if (old && !old.dir) this.#bytes -= old.size;
    else this.#files++;
    this.#bytes += entry.size;
    this.#tree.set(path, entry);
  }

  #remove(path: string): void {
    const old = this.#tree.delete(path);
    if (old && !old.dir) {
      this.#bytes -= old.size;
      this.#files--;
    }
  }
}
