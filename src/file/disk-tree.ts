import { rename, rm, rmdir } from "node:fs/promises";
import {
  AlreadyExistsError,
  InvalidPathError,
  IsADirectoryError,
  NotADirectoryError,
  NotEmptyError,
  NotFoundError,
} from "../core/errors.js";
import { refuseIntoOwnSubtree } from "../core/transfer-rules.js";
import { type ConfinedRoot, type Found, STAGING_DIR } from "./confined-root.js";
import { pump } from "./copy-bytes.js";
import { errnoOf, mapFsError } from "./fs-errors.js";
import type { Staging } from "./staging.js";
import { copyTree } from "./tree-walk.js";

/**
 * The operations that change the shape of the tree on disk: what may be created where, `mkdir`,
 * `rmdir`, `copy` and `move`, and installing a staged file. Paths are normalised and the
 * backend's gate already passed; every change is staged and put in place with one `rename`.
 */
export class DiskTree {
  readonly #fs: ConfinedRoot;
  readonly #staging: Staging;

  /**
   * @param fs - the confined root
   * @param staging - where writes and copies are built before they are renamed into place
   */
  constructor(fs: ConfinedRoot, staging: Staging) {
    this.#fs = fs;
    this.#staging = staging;
  }

  /** Throws unless a file may be created at `path`: not a directory, not below a file. */
  checkFileTarget(op: string, path: string, found: Found): void {
    if (found.kind === "dir") throw new IsADirectoryError(op, path);
    if (found.kind === "belowFile") throw this.#fs.belowFile(op, path, found.file);
    if (found.kind === "missing" && found.reserved) throw reserved(op, path);
  }

  /** Throws unless `found` is a file: `IsADirectoryError` or `NotFoundError`. */
  requireFile(op: string, path: string, found: Found): void {
    if (found.kind === "dir") throw new IsADirectoryError(op, path);
    if (found.kind !== "file") throw new NotFoundError(op, path);
  }

  /** Commits a staged file at `path`, checking the target again (it may have changed). */
  async install(op: string, path: string, temp: string): Promise<void> {
    const found = await this.#fs.inspect(op, path);
    this.checkFileTarget(op, path, found);
    await this.#renameInto(op, path, found, temp);
  }

  /** Like `mkdir -p`; an existing directory is fine. */
  async mkdir(path: string): Promise<void> {
    const found = await this.#fs.inspect("mkdir", path);
    if (found.kind === "dir") return;
    if (found.kind === "file") throw new AlreadyExistsError("mkdir", path);
    if (found.kind === "belowFile") throw this.#fs.belowFile("mkdir", path, found.file);
    if (found.reserved) throw reserved("mkdir", path);
    await this.#fs.makeDirs("mkdir", path, found.existing, segmentCount(path));
  }

  /** Removes an empty directory, or the whole subtree with `recursive`. */
  async rmdir(path: string, recursive: boolean): Promise<void> {
    const found = await this.#fs.inspect("rmdir", path);
    if (found.kind === "file") throw new NotADirectoryError("rmdir", path);
    if (found.kind !== "dir") throw new NotFoundError("rmdir", path);
    try {
      // rm never follows links below: a planted link is removed, not what it points to.
      if (recursive) await rm(this.#fs.abs(path), { recursive: true });
      else await rmdir(this.#fs.abs(path));
    } catch (err) {
      const code = errnoOf(err);
      if (code === "ENOTEMPTY" || code === "EEXIST") {
        throw new NotEmptyError("rmdir", path, { cause: err });
      }
      throw mapFsError("rmdir", path, err);
    }
  }

  /** Copies or moves a file or a directory subtree `s` to the exact path `d`. */
  async transfer(
    op: "copy" | "move",
    s: string,
    d: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const from = await this.#fs.inspect(op, s);
    if (from.kind !== "file" && from.kind !== "dir") throw new NotFoundError(op, s);
    if (s === d) return;
    if (from.kind === "file") {
      const to = await this.#fs.inspect(op, d);
      this.checkFileTarget(op, d, to);
      if (op === "move") await this.#renameInto(op, d, to, this.#fs.abs(s));
      else await this.#copyFile(s, d, signal);
      return;
    }
    refuseIntoOwnSubtree(op, s, d);
    const to = await this.#fs.inspect(op, d);
    this.#checkDirTarget(op, d, to);
    if (op === "move") await this.#renameInto(op, d, to, this.#fs.abs(s));
    else await this.#copyDir(s, d, signal);
  }

  /** Throws unless a directory may be put at `path`: nothing there, not below a file. */
  #checkDirTarget(op: string, path: string, found: Found): void {
    if (found.kind === "file" || found.kind === "dir") throw new AlreadyExistsError(op, path);
    if (found.kind === "belowFile") throw this.#fs.belowFile(op, path, found.file);
    if (found.reserved) throw reserved(op, path);
  }

  /** Renames `from` (absolute) to `path`, creating its parents; removes them again on failure. */
  async #renameInto(op: string, path: string, found: Found, from: string): Promise<void> {
    const created =
      found.kind === "missing"
        ? await this.#fs.makeDirs(op, path, found.existing, segmentCount(path) - 1)
        : [];
    try {
      await rename(from, this.#fs.abs(path));
    } catch (err) {
      await this.#fs.removeDirs(created);
      throw mapFsError(op, path, err);
    }
  }

  /** Copies into a staged file, then installs it: a failure never leaves a partial `dst`. */
  async #copyFile(s: string, d: string, signal: AbortSignal | undefined): Promise<void> {
    const { fh: out, temp } = await this.#staging.file("copy", d);
    try {
      try {
        const { fh: input } = await this.#fs.openRead("copy", s);
        try {
          await pump(input, out);
        } finally {
          await input.close();
        }
      } finally {
        await out.close();
      }
      signal?.throwIfAborted();
      await this.install("copy", d, temp);
    } catch (err) {
      throw mapFsError("copy", d, err);
    } finally {
      await this.#staging.done(temp);
    }
  }

  /** Copies a subtree into a staged directory, then renames it into place in one step. */
  async #copyDir(s: string, d: string, signal: AbortSignal | undefined): Promise<void> {
    const stage = await this.#staging.dir("copy", d);
    try {
      await copyTree(this.#fs, "copy", s, stage, signal);
      signal?.throwIfAborted();
      // Copying took time: check again, since rename would replace an empty directory.
      const to = await this.#fs.inspect("copy", d);
      this.#checkDirTarget("copy", d, to);
      await this.#renameInto("copy", d, to, stage);
    } catch (err) {
      throw mapFsError("copy", d, err);
    } finally {
      await this.#staging.done(stage);
    }
  }
}

function segmentCount(path: string): number {
  let n = 1;
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) n++;
  return n;
}

function reserved(op: string, path: string): InvalidPathError {
  return new InvalidPathError(op, path, {
    message: `${op} ${JSON.stringify(path)}: ${JSON.stringify(STAGING_DIR)} is reserved by FileBackend for writes in progress`,
  });
}
