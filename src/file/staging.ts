import { constants } from "node:fs";
import { type FileHandle, lstat, mkdir, open, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { isStorageError } from "../core/errors.js";
import { nodeBuiltin } from "../core/node-builtins.js";
import { type ConfinedRoot, STAGING_DIR } from "./confined-root.js";
import { errnoOf, mapFsError } from "./fs-errors.js";

// O_EXCL never follows a link at the last component: a planted name cannot redirect a temp file.
const CREATE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
// Another backend on the same root may remove the staging directory between our mkdir and open.
const ATTEMPTS = 8;

/**
 * The staging directory (`<root>/.omnistorage-staging`) where writes and copies build their
 * result before one `rename` puts it in place. Temporaries live here rather than next to their
 * target so that `rmdir` and `move` of the target's directory never meet (or carry off) a write
 * in progress, and so that a target directory need not exist until the commit. The directory
 * exists only while something is staged.
 */
export class Staging {
  readonly #root: ConfinedRoot;
  readonly #dir: string;
  #active = 0;

  /** @param root - the confined root the staging directory lives in */
  constructor(root: ConfinedRoot) {
    this.#root = root;
    this.#dir = join(root.dir, STAGING_DIR);
  }

  /** A new empty temporary file, opened for writing. Pair with {@link Staging.done}. */
  async file(op: string, path: string): Promise<{ fh: FileHandle; temp: string }> {
    return this.#create(op, path, async (temp) => {
      const fh = await open(temp, CREATE_FLAGS, 0o666);
      try {
        await this.#root.checkInside(op, path, fh);
      } catch (err) {
        await fh.close();
        throw err;
      }
      return { fh, temp };
    });
  }

  /** A new empty temporary directory. Pair with {@link Staging.done}. */
  async dir(op: string, path: string): Promise<string> {
    return this.#create(op, path, async (temp) => {
      await mkdir(temp);
      return temp;
    });
  }

  /** Removes what is left of a temporary (nothing, after a successful rename); never throws. */
  async done(temp: string): Promise<void> {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (--this.#active === 0) await rmdir(this.#dir).catch(() => undefined);
  }

  async #create<T>(op: string, path: string, make: (temp: string) => Promise<T>): Promise<T> {
    this.#active++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#ensureDir(op, path);
          return await make(
            join(this.#dir, nodeBuiltin("node:crypto").randomBytes(12).toString("hex")),
          );
        } catch (err) {
          const code = isStorageError(err) ? undefined : errnoOf(err);
          if ((code === "ENOENT" || code === "EEXIST") && attempt < ATTEMPTS) continue;
          throw mapFsError(op, path, err);
        }
      }
    } catch (err) {
      if (--this.#active === 0) await rmdir(this.#dir).catch(() => undefined);
      throw err;
    }
  }

  /** Makes sure the staging directory is there; raw errno errors, so the caller can retry. */
  async #ensureDir(op: string, path: string): Promise<void> {
    try {
      await mkdir(this.#dir);
      return;
    } catch (err) {
      if (errnoOf(err) !== "EEXIST") throw err;
    }
    // ENOENT here means a finishing write removed the directory meanwhile: the caller retries.
    const stats = await lstat(this.#dir);
    if (stats.isSymbolicLink() || !stats.isDirectory()) {
      throw this.#root.refuse(op, path, STAGING_DIR, "is not a plain directory");
    }
  }
}
