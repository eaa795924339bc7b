/**
 * The typed errors every backend throws. Each carries a `code`, the operation (`op`) and the
 * normalised `path`, and is branded with a `Symbol.for` key so the guards below work across vm
 * realms (Jest) and across the ESM and CommonJS copies of the package, where `instanceof` fails.
 */

const BRAND: unique symbol = Symbol.for("omnistorage.StorageError");

/** The error codes a {@link StorageError} can carry. @public */
export type StorageErrorCode =
  | "ENOENT"
  | "EEXIST"
  | "EACCES"
  | "ENOTEMPTY"
  | "EISDIR"
  | "ENOTDIR"
  | "EINVAL"
  | "ENOTSUP"
  | "ENOSPC"
  | "ERR_BACKEND_CLOSED"
  | "ERR_WRITER_CLOSED"
  | "ERR_READER_CLOSED"
  | "ERR_UNKNOWN_BACKEND";

/** Options shared by every error constructor. @public */
export interface StorageErrorOptions {
  /** The underlying error, kept as the standard `cause`. */
  cause?: unknown;
  /** Replaces the generated message; it should still name the operation and the path. */
  message?: string;
}

/**
 * Base class of every error omnistorage throws.
 *
 * @example
 * ```ts
 * try { await backend.newReader("missing.txt") }
 * catch (err) { if (isNotFound(err)) console.log(err.op, err.path) } // "newReader" "missing.txt"
 * ```
 * @public
 */
export class StorageError extends Error {
  /** POSIX-style code (`ENOENT` …) or an `ERR_…` code for the non-POSIX conditions. */
  readonly code: StorageErrorCode;
  /** The method that failed: `newWriter`, `read`, `copy` … */
  readonly op: string;
  /** The normalised path at fault (the source when missing, the destination when it conflicts). */
  readonly path: string;

  /**
   * @param code - the error code
   * @param op - the operation that failed
   * @param path - the normalised path at fault
   * @param detail - what went wrong, in a few words
   * @param options - `cause` and an optional replacement message
   */
  constructor(
    code: StorageErrorCode,
    op: string,
    path: string,
    detail: string,
    options: StorageErrorOptions = {},
  ) {
    super(
      options.message ?? `${op} ${JSON.stringify(path)}: ${detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.op = op;
    this.path = path;
    // Non-enumerable like Error's own, so test output reads `NotFoundError: …`.
    Object.defineProperty(this, "name", {
      value: new.target.name,
      configurable: true,
      writable: true,
    });
  }

  /** @internal The cross-realm brand tested by {@link isStorageError}. */
  get [BRAND](): true {
    return true;
  }
}

/** The path does not exist (`ENOENT`). @public */
export class NotFoundError extends StorageError {
  /** @param op - operation @param path - missing path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ENOENT", op, path, "no such file or directory", options);
  }
}

/** Something already exists where the operation would create (`EEXIST`). @public */
export class AlreadyExistsError extends StorageError {
  /** @param op - operation @param path - existing path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("EEXIST", op, path, "already exists", options);
  }
}

/** The operation is not allowed, or a fault was injected (`EACCES`). @public */
export class PermissionDeniedError extends StorageError {
  /** @param op - operation @param path - refused path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("EACCES", op, path, "permission denied", options);
  }
}

/** `rmdir` of a directory that still holds something (`ENOTEMPTY`). @public */
export class NotEmptyError extends StorageError {
  /** @param op - operation @param path - the directory @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ENOTEMPTY", op, path, "directory not empty", options);
  }
}

/** A file operation met a directory (`EISDIR`). @public */
export class IsADirectoryError extends StorageError {
  /** @param op - operation @param path - the directory @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("EISDIR", op, path, "is a directory", options);
  }
}

/** A directory operation met a file, or a path runs below a file (`ENOTDIR`). @public */
export class NotADirectoryError extends StorageError {
  /** @param op - operation @param path - the path at fault @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ENOTDIR", op, path, "not a directory", options);
  }
}

/** The path is malformed (`..`, NUL, empty) or a move targets its own subtree (`EINVAL`). @public */
export class InvalidPathError extends StorageError {
  /** @param op - operation @param path - the path as given @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("EINVAL", op, path, "invalid path", options);
  }
}

/** The backend cannot do this operation (`ENOTSUP`). @public */
export class NotSupportedError extends StorageError {
  /** @param op - operation @param path - the path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ENOTSUP", op, path, "operation not supported", options);
  }
}

/** A write would take the store past its quota (`ENOSPC`). @public */
export class QuotaExceededError extends StorageError {
  /** @param op - operation @param path - the path written @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ENOSPC", op, path, "quota exceeded", options);
  }
}

/** The backend was closed; every method rejects with this afterwards. @public */
export class BackendClosedError extends StorageError {
  /** @param op - operation @param path - the path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ERR_BACKEND_CLOSED", op, path, "backend is closed", options);
  }
}

/** A writer was used after `close()` or `abort()`. @public */
export class WriterClosedError extends StorageError {
  /** @param op - operation @param path - the writer's path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ERR_WRITER_CLOSED", op, path, "writer is closed", options);
  }
}

/** A reader was used after `close()`. @public */
export class ReaderClosedError extends StorageError {
  /** @param op - operation @param path - the reader's path @param options - cause, message */
  constructor(op: string, path: string, options?: StorageErrorOptions) {
    super("ERR_READER_CLOSED", op, path, "reader is closed", options);
  }
}

/** `open()` was asked for a name nobody registered. @public */
export class UnknownBackendError extends StorageError {
  /**
   * @param name - the unknown backend name
   * @param known - the registered names, listed in the message
   * @param options - cause, message
   */
  constructor(name: string, known: readonly string[], options?: StorageErrorOptions) {
    super(
      "ERR_UNKNOWN_BACKEND",
      "open",
      name,
      `unknown backend; registered: ${known.length ? known.map((k) => JSON.stringify(k)).join(", ") : "(none)"}`,
      options,
    );
  }
}

/**
 * True when `err` is an omnistorage error (of any realm or module copy), optionally with `code`.
 * @param err - anything caught
 * @param code - the code to require
 * @public
 */
export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  if (typeof err !== "object" || err === null) return false;
  if ((err as { [BRAND]?: unknown })[BRAND] !== true) return false;
  return code === undefined || (err as StorageError).code === code;
}

const guard =
  <T extends StorageError>(code: StorageErrorCode) =>
  (err: unknown): err is T =>
    isStorageError(err, code);

/** True for a {@link NotFoundError}. @param err - anything caught @public */
export const isNotFound: (err: unknown) => err is NotFoundError = guard("ENOENT");
/** True for an {@link AlreadyExistsError}. @param err - anything caught @public */
export const isAlreadyExists: (err: unknown) => err is AlreadyExistsError = guard("EEXIST");
/** True for a {@link PermissionDeniedError}. @param err - anything caught @public */
export const isPermissionDenied: (err: unknown) => err is PermissionDeniedError = guard("EACCES");
/** True for a {@link NotEmptyError}. @param err - anything caught @public */
export const isNotEmpty: (err: unknown) => err is NotEmptyError = guard("ENOTEMPTY");
/** True for an {@link IsADirectoryError}. @param err - anything caught @public */
export const isADirectory: (err: unknown) => err is IsADirectoryError = guard("EISDIR");
/** True for a {@link NotADirectoryError}. @param err - anything caught @public */
export const isNotADirectory: (err: unknown) => err is NotADirectoryError = guard("ENOTDIR");
/** True for an {@link InvalidPathError}. @param err - anything caught @public */
export const isInvalidPath: (err: unknown) => err is InvalidPathError = guard("EINVAL");
/** True for a {@link NotSupportedError}. @param err - anything caught @public */
export const isNotSupported: (err: unknown) => err is NotSupportedError = guard("ENOTSUP");
/** True for a {@link QuotaExceededError}. @param err - anything caught @public */
export const isQuotaExceeded: (err: unknown) => err is QuotaExceededError = guard("ENOSPC");
/** True for an {@link UnknownBackendError}. @param err - anything caught @public */
export const isUnknownBackend: (err: unknown) => err is UnknownBackendError =
  guard("ERR_UNKNOWN_BACKEND");

/**
 * True when a backend, writer or reader was used after being closed.
 * @param err - anything caught
 * @public
 */
export function isClosed(
  err: unknown,
): err is BackendClosedError | WriterClosedError | ReaderClosedError {
  return (
    isStorageError(err, "ERR_BACKEND_CLOSED") ||
    isStorageError(err, "ERR_WRITER_CLOSED") ||
    isStorageError(err, "ERR_READER_CLOSED")
  );
}
