/** What the facade knows about an entry, from the backend. */
export interface EntryInfo {
  readonly isDir: boolean;
  readonly size: number;
  readonly mtime: Date;
}

/** What backends never hold: links, devices, pipes, sockets. */
abstract class OnlyFilesAndDirectories {
  /** Always false: backends have no symbolic links. */
  isSymbolicLink(): boolean {
    return false;
  }
  /** Always false. */
  isBlockDevice(): boolean {
    return false;
  }
  /** Always false. */
  isCharacterDevice(): boolean {
    return false;
  }
  /** Always false. */
  isFIFO(): boolean {
    return false;
  }
  /** Always false. */
  isSocket(): boolean {
    return false;
  }
}

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * A `node:fs` `Stats` for a backend entry. Backends have no owners, links or permissions:
 * `mode` is 0o644 for files and 0o755 for directories, every time is the modification time,
 * `ino` is 0, and a directory's size is 0.
 * @public
 */
export class Stats extends OnlyFilesAndDirectories {
  /** Always 0: a backend has no devices. */
  dev = 0;
  /** Always 0: a backend has no inodes. */
  ino = 0;
  /** The type bits (`S_IFREG` or `S_IFDIR`) with 0o644 for a file, 0o755 for a folder. */
  mode: number;
  /** Always 1: a backend has no hard links. */
  nlink = 1;
  /** Always 0: a backend has no owners. */
  uid = 0;
  /** Always 0: a backend has no groups. */
  gid = 0;
  /** Always 0. */
  rdev = 0;
  /** The file's size in bytes; 0 for a folder. */
  size: number;
  /** Always 4096. */
  blksize = 4096;
  /** 512-byte blocks the size would take. */
  blocks: number;
  /** The modification time in ms (a backend keeps no access time). */
  atimeMs: number;
  /** The modification time in ms. */
  mtimeMs: number;
  /** The modification time in ms (a backend keeps no change time). */
  ctimeMs: number;
  /** The modification time in ms (a backend keeps no creation time). */
  birthtimeMs: number;
  /** The modification time (a backend keeps no access time). */
  atime: Date;
  /** The modification time. */
  mtime: Date;
  /** The modification time (a backend keeps no change time). */
  ctime: Date;
  /** The modification time (a backend keeps no creation time). */
  birthtime: Date;

  /** @param info - the entry */
  constructor(info: EntryInfo) {
    super();
    this.mode = info.isDir ? S_IFDIR | 0o755 : S_IFREG | 0o644;
    this.size = info.isDir ? 0 : info.size;
    this.blocks = Math.ceil(this.size / 512);
    const ms = info.mtime.getTime();
    this.atimeMs = this.mtimeMs = this.ctimeMs = this.birthtimeMs = ms;
    this.atime = new Date(ms);
    this.mtime = new Date(ms);
    this.ctime = new Date(ms);
    this.birthtime = new Date(ms);
  }
  /** True for a file. */
  isFile(): boolean {
    return (this.mode & S_IFREG) === S_IFREG;
  }
  /** True for a directory. */
  isDirectory(): boolean {
    return (this.mode & S_IFDIR) === S_IFDIR && !this.isFile();
  }
}

/**
 * A `node:fs` `Dirent` from `readdir(…, { withFileTypes: true })`.
 * @public
 */
export class Dirent extends OnlyFilesAndDirectories {
  /** The entry's name. */
  name: string;
  /** The directory holding it (absolute, or as the caller spelled it). */
  parentPath: string;
  /** Node ≤ 20's name for {@link Dirent.parentPath}. */
  path: string;
  readonly #dir: boolean;

  /** @param name - entry name @param parentPath - its directory @param isDir - a directory */
  constructor(name: string, parentPath: string, isDir: boolean) {
    super();
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this.#dir = isDir;
  }
  /** True for a file. */
  isFile(): boolean {
    return !this.#dir;
  }
  /** True for a directory. */
  isDirectory(): boolean {
    return this.#dir;
  }
}
