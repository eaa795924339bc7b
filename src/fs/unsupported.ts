/**
 * `node:fs` functions the facade does not cover. Each is present and throws an error naming
 * it, so code under test fails with a clear message, never `undefined is not a function`.
 */
const PATH_FUNCTIONS = [
  "chmod",
  "chown",
  "lchmod",
  "lchown",
  "link",
  "lutimes",
  "opendir",
  "readlink",
  "statfs",
  "symlink",
  "truncate",
  "utimes",
  "glob",
];
const FD_FUNCTIONS = [
  "fchmod",
  "fchown",
  "fdatasync",
  "fsync",
  "ftruncate",
  "futimes",
  "readv",
  "writev",
];

/** Names missing from the promise API (`node:fs/promises`). */
export const UNSUPPORTED_PROMISES: readonly string[] = [...PATH_FUNCTIONS, "watch"];

/** Names missing from the callback and Sync API (`node:fs`). */
export const UNSUPPORTED_FS: readonly string[] = [
  ...[...PATH_FUNCTIONS, ...FD_FUNCTIONS].flatMap((name) => [name, `${name}Sync`]),
  "watch",
  "watchFile",
  "unwatchFile",
  "openAsBlob",
];

/** The error an uncovered function throws. @public */
export class FsNotSupportedError extends Error {
  /** `ENOTSUP`. */
  readonly code = "ENOTSUP";
  /** @param name - the function, as `fs.symlink` or `fs.promises.symlink` */
  constructor(name: string, detail = "") {
    super(
      `${name} is not supported by omnistorage-ts/fs${detail ? `: ${detail}` : ""} (see docs/fs.md for what the facade covers)`,
    );
    this.name = "FsNotSupportedError";
  }
}

/** Adds a throwing stub for each name in `names` that `target` does not define. */
export function addStubs(target: Record<string, unknown>, names: readonly string[], owner: string) {
  for (const name of names) {
    if (name in target) continue;
    target[name] = () => {
      throw new FsNotSupportedError(`${owner}.${name}`);
    };
  }
}
