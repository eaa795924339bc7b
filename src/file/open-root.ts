import { mkdirSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { NotADirectoryError } from "../core/errors.js";
import { errnoOf, mapFsError } from "./fs-errors.js";

/**
 * Checks the `root` option of a FileBackend and creates the folder if missing (like
 * `mkdir -p`); synchronous, since it runs in the constructor.
 * @param given - the option as the caller gave it
 * @returns the root's real absolute path (links in it resolved once, here)
 * @throws `TypeError` when it is not a non-empty string; `NotADirectoryError` when it is a file;
 * `PermissionDeniedError` when it cannot be created
 */
export function openRoot(given: unknown): string {
  if (typeof given !== "string" || given === "") {
    throw new TypeError("FileBackend: options.root must be a non-empty path to a folder");
  }
  if (given.includes("\0")) {
    throw new TypeError(`FileBackend: options.root ${JSON.stringify(given)} holds a NUL character`);
  }
  const dir = resolve(given);
  try {
    mkdirSync(dir, { recursive: true });
    const real = realpathSync(dir);
    if (!statSync(real).isDirectory()) throw Object.assign(new Error(), { code: "ENOTDIR" });
    return real;
  } catch (err) {
    const code = errnoOf(err);
    if (code === "EEXIST" || code === "ENOTDIR") {
      throw new NotADirectoryError("open", dir, {
        cause: err,
        message: `open ${JSON.stringify(dir)}: the FileBackend root is not a directory`,
      });
    }
    throw mapFsError("open", dir, err);
  }
}
