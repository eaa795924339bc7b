import {
  AlreadyExistsError,
  InvalidPathError,
  IsADirectoryError,
  isStorageError,
  NotADirectoryError,
  NotEmptyError,
  NotFoundError,
  NotSupportedError,
  PermissionDeniedError,
  QuotaExceededError,
  type StorageError,
  type StorageErrorOptions,
} from "../core/errors.js";

type ErrorClass = new (op: string, path: string, options?: StorageErrorOptions) => StorageError;

// errno → the SPEC's class. ELOOP is what O_NOFOLLOW gives for a final symbolic link, which the
// backend refuses; EROFS and EPERM are refusals too. EDQUOT and EFBIG are limits like ENOSPC.
const BY_ERRNO: Readonly<Record<string, ErrorClass>> = {
  ENOENT: NotFoundError,
  EEXIST: AlreadyExistsError,
  EISDIR: IsADirectoryError,
  ENOTDIR: NotADirectoryError,
  ENOTEMPTY: NotEmptyError,
  EACCES: PermissionDeniedError,
  EPERM: PermissionDeniedError,
  EROFS: PermissionDeniedError,
  ELOOP: PermissionDeniedError,
  ENOSPC: QuotaExceededError,
  EDQUOT: QuotaExceededError,
  EFBIG: QuotaExceededError,
  ENAMETOOLONG: InvalidPathError,
  EINVAL: InvalidPathError,
  ENOTSUP: NotSupportedError,
  EOPNOTSUPP: NotSupportedError,
  EXDEV: NotSupportedError,
};

/** The errno string of a Node system error, if it is one. */
export function errnoOf(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Turns a `node:fs` error into the SPEC's error class for `op` and the normalised `path`, with
 * the original as `cause`. Errors without a storage meaning (EIO, EMFILE, …) and errors that
 * already are storage errors come back unchanged.
 */
export function mapFsError(op: string, path: string, err: unknown): unknown {
  if (isStorageError(err)) return err;
  const code = errnoOf(err);
  const Class = code === undefined ? undefined : BY_ERRNO[code];
  return Class ? new Class(op, path, { cause: err }) : err;
}

/** True for the errno codes that mean "nothing there" when probing a path. */
export function isMissing(err: unknown): boolean {
  const code = errnoOf(err);
  return code === "ENOENT" || code === "ENOTDIR";
}
