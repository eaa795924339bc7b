import { constants, type Stats } from "node:fs";
import { type FileHandle, lstat, mkdir, open, readlink, realpath, rmdir } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import {
  InvalidPathError,
  IsADirectoryError,
  NotADirectoryError,
  NotFoundError,
  PermissionDeniedError,
} from "../core/errors.js";
import { errnoOf, isMissing, mapFsError } from "./fs-errors.js";

/**
 * The top-level directory that holds temporary files and directories of writes and copies in
 * progress. It is never listed, `exists` is false for it, and no path may be created in it.
 * @public
 */
export const STAGING_DIR = ".omnistorage-staging";

/** What is at a path, found by walking it component by component without following links. */
export type Found =
  | { readonly kind: "file"; readonly stats: Stats }
  | { readonly kind: "dir"; readonly stats: Stats }
  /** Nothing there. `existing` leading segments are directories; `reserved` names staging. */
  | { readonly kind: "missing"; readonly existing: number; readonly reserved: boolean }
  /** An ancestor, `file`, is a file. */
  | { readonly kind: "belowFile"; readonly file: string };

// Read-only opens never follow a final link and never block on a FIFO swapped in meanwhile.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
// The kernel refuses longer paths (ENAMETOOLONG); checking first avoids walking and creating
// a thousand directories only to be refused at the end.
const PATH_MAX = process.platform === "linux" ? 4096 : 1024;
// Bytes in one name (Linux, macOS and Windows alike). A missing parent would hide a long name
// from lstat (ENOENT comes first), so a write would fail only at close(), after staging.
const NAME_MAX = 255;
// On Linux an open descriptor names the file it really opened, links and all: a race-free check.
const PROC_FD = process.platform === "linux" ? "/proc/self/fd/" : undefined;

/**
 * A directory on disk that nothing may leave: `..` never reaches here (normalisation rejects it),
 * absolute paths are relative to it, and every symbolic link met on the way is refused with
 * `PermissionDeniedError`, whether it points outside or inside.
 */
export class ConfinedRoot {
  /** The root's real absolute path (links in the root's own path resolved once). */
  readonly dir: string;
  readonly #inside: string;

  /** @param realDir - the root's real path, as `fs.realpath` gives it */
  constructor(realDir: string) {
    this.dir = realDir;
    this.#inside = realDir.endsWith(sep) ? realDir : realDir + sep;
  }

  /** The absolute path on disk of a normalised path (which has no `..`). */
  abs(path: string): string {
    return join(this.dir, path);
  }

  /** The refusal for a link or special file at `at`, on the way to `path`. */
  refuse(op: string, path: string, at: string, what: string): PermissionDeniedError {
    return new PermissionDeniedError(op, path, {
      message: `${op} ${JSON.stringify(path)}: permission denied: ${JSON.stringify(at)} ${what}; FileBackend never follows links out of (or within) its root`,
    });
  }

  /**
   * What is at `path`, checking every component with `lstat` (in parallel). Throws
   * `PermissionDeniedError` when a component is a symbolic link or a special file.
   */
  async inspect(op: string, path: string): Promise<Found> {
    if (Buffer.byteLength(this.abs(path)) >= PATH_MAX) {
      throw new InvalidPathError(op, path, {
        message: `${op} ${JSON.stringify(path.slice(0, 80))}…: path is longer than the filesystem allows (${PATH_MAX} bytes with the root)`,
      });
    }
    const segments = path.split("/");
    // Only a path of more than NAME_MAX bytes can hold a name that long: most skip the scan.
    if (path.length * 3 > NAME_MAX) {
      const long = segments.find((s) => Buffer.byteLength(s) > NAME_MAX);
      if (long !== undefined) {
        throw new InvalidPathError(op, path, {
          message: `${op} ${JSON.stringify(path)}: the name ${JSON.stringify(long.slice(0, 40))}… is longer than the filesystem allows (${NAME_MAX} bytes)`,
        });
      }
    }
    if (segments[0] === STAGING_DIR) return { kind: "missing", existing: 0, reserved: true };
    if (segments.length > 2) {
      const quick = await this.#quickInspect(op, path, segments.length);
      if (quick) return quick;
    }
    const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join("/"));
    const results = await Promise.allSettled(prefixes.map((p) => lstat(this.abs(p))));
    for (let i = 0; i < results.length; i++) {
      const result = results[i] as PromiseSettledResult<Stats>;
      const at = prefixes[i] as string;
      if (result.status === "rejected") {
        if (errnoOf(result.reason) === "ENOENT") {
          return { kind: "missing", existing: i, reserved: false };
        }
        throw mapFsError(op, path, result.reason);
      }
      const stats = result.value;
      const last = i === results.length - 1;
      if (stats.isSymbolicLink()) throw this.refuse(op, path, at, "is a symbolic link");
      if (stats.isDirectory()) {
        if (last) return { kind: "dir", stats };
        continue;
      }
      if (!stats.isFile()) throw this.refuse(op, path, at, "is not a regular file or directory");
      return last ? { kind: "file", stats } : { kind: "belowFile", file: at };
    }
    /* c8 ignore next */
    throw new Error("unreachable: a path has at least one segment");
  }

  /**
   * Two system calls instead of one per component: when the parent's real path (links resolved
   * by the OS) is exactly its path under the root, no component above is a link and all are
   * directories. Anything else (a link, a missing or file ancestor, a case-folding filesystem
   * that spells the path differently) gives `undefined`, and {@link ConfinedRoot.inspect} walks.
   */
  async #quickInspect(op: string, path: string, segments: number): Promise<Found | undefined> {
    const abs = this.abs(path);
    const parent = dirname(abs);
    const [own, real] = await Promise.allSettled([lstat(abs), realpath(parent)]);
    if (real.status === "rejected" || real.value !== parent) return undefined;
    if (own.status === "rejected") {
      // ENOENT below a real directory: only the last segment is missing. ENOTDIR: walk.
      if (errnoOf(own.reason) !== "ENOENT") return undefined;
      return { kind: "missing", existing: segments - 1, reserved: false };
    }
    const stats = own.value;
    if (stats.isSymbolicLink()) throw this.refuse(op, path, path, "is a symbolic link");
    if (stats.isDirectory()) return { kind: "dir", stats };
    if (stats.isFile()) return { kind: "file", stats };
    throw this.refuse(op, path, path, "is not a regular file or directory");
  }

  /**
   * Throws `NotFoundError` when the root folder itself is gone (an unmounted disk, a folder
   * removed by hand): a vanished root is not an empty store, or a sync from it would delete
   * the whole destination as extras.
   */
  async requireRoot(op: string, path: string): Promise<void> {
    const stats = await lstat(this.dir).catch((err: unknown) => {
      if (isMissing(err)) return undefined;
      throw mapFsError(op, path, err);
    });
    if (stats?.isDirectory()) return;
    throw new NotFoundError(op, path, {
      message: `${op} ${JSON.stringify(path)}: the FileBackend root ${JSON.stringify(this.dir)} no longer exists`,
    });
  }

  /** The `NotADirectoryError` for creating `path` below the file `file`. */
  belowFile(op: string, path: string, file: string): NotADirectoryError {
    return new NotADirectoryError(op, path, {
      message: `${op} ${JSON.stringify(path)}: not a directory: ${JSON.stringify(file)} is a file`,
    });
  }

  /**
   * Creates the directories of `path` from segment `from` (0-based count of existing ones) up
   * to, not including, segment `to`, one at a time. A directory that appears meanwhile is fine.
   * On failure removes what it created and throws.
   * @returns the absolute paths created, outermost first, for {@link ConfinedRoot.removeDirs}
   */
  async makeDirs(op: string, path: string, from: number, to: number): Promise<string[]> {
    const segments = path.split("/");
    const created: string[] = [];
    try {
      for (let i = from; i < to; i++) {
        const at = segments.slice(0, i + 1).join("/");
        const abs = this.abs(at);
        try {
          await mkdir(abs);
          created.push(abs);
        } catch (err) {
          if (errnoOf(err) !== "EEXIST") throw mapFsError(op, path, err);
          const stats = await lstat(abs);
          if (stats.isSymbolicLink()) throw this.refuse(op, path, at, "is a symbolic link");
          if (!stats.isDirectory()) throw this.belowFile(op, path, at);
        }
      }
    } catch (err) {
      await this.removeDirs(created);
      throw err;
    }
    return created;
  }

  /** Removes directories made by {@link ConfinedRoot.makeDirs}, innermost first; never throws. */
  async removeDirs(created: readonly string[]): Promise<void> {
    for (let i = created.length - 1; i >= 0; i--) {
      await rmdir(created[i] as string).catch(() => undefined);
    }
  }

  /**
   * Opens a regular file for reading without following a link at its last component, and
   * checks (on Linux) that the descriptor really lies inside the root.
   */
  async openRead(op: string, path: string): Promise<{ fh: FileHandle; stats: Stats }> {
    let fh: FileHandle;
    try {
      fh = await open(this.abs(path), READ_FLAGS);
    } catch (err) {
      if (errnoOf(err) === "ELOOP") throw this.refuse(op, path, path, "is a symbolic link");
      if (isMissing(err)) throw new NotFoundError(op, path, { cause: err });
      throw mapFsError(op, path, err);
    }
    try {
      const stats = await fh.stat();
      if (stats.isDirectory()) throw new IsADirectoryError(op, path);
      if (!stats.isFile()) throw this.refuse(op, path, path, "is not a regular file");
      await this.checkInside(op, path, fh);
      return { fh, stats };
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw mapFsError(op, path, err);
    }
  }

  /**
   * Refuses a descriptor whose real path is outside the root: catches a directory swapped for a
   * link between {@link ConfinedRoot.inspect} and `open`. A no-op where `/proc` is unavailable.
   */
  async checkInside(op: string, path: string, fh: FileHandle): Promise<void> {
    if (PROC_FD === undefined) return;
    let real: string;
    try {
      real = await readlink(PROC_FD + fh.fd);
    } catch {
      return;
    }
    if (real.endsWith(" (deleted)")) real = real.slice(0, -" (deleted)".length);
    if (!real.startsWith(this.#inside)) {
      throw this.refuse(op, path, path, "resolves outside the root");
    }
  }
}
