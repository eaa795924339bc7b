/**
 * `omnistorage-ts`: the backend contract, its errors, the registry and the helpers that work on
 * any backend. Backends live in their own entries (`omnistorage-ts/memory`, `omnistorage-ts/file`).
 * @packageDocumentation
 */
export type { StorageErrorCode, StorageErrorOptions } from "./core/errors.js";
export {
  AlreadyExistsError,
  BackendClosedError,
  InvalidPathError,
  IsADirectoryError,
  isADirectory,
  isAlreadyExists,
  isClosed,
  isInvalidPath,
  isNotADirectory,
  isNotEmpty,
  isNotFound,
  isNotSupported,
  isPermissionDenied,
  isQuotaExceeded,
  isStorageError,
  isUnknownBackend,
  NotADirectoryError,
  NotEmptyError,
  NotFoundError,
  NotSupportedError,
  PermissionDeniedError,
  QuotaExceededError,
  ReaderClosedError,
  StorageError,
  UnknownBackendError,
  WriterClosedError,
} from "./core/errors.js";
export {
  copyPath,
  movePath,
  readAll,
  readFile,
  readJSON,
  readText,
  writeFile,
} from "./core/helpers.js";
export type { BackendFactory } from "./core/registry.js";
export { backends, isRegistered, open, register, unregister } from "./core/registry.js";
export type {
  Backend,
  ExtendedBackend,
  Features,
  HashAlgorithm,
  ObjectInfo,
  Reader,
  ReaderOptions,
  RmdirOptions,
  SignalOptions,
  Writer,
  WriterOptions,
} from "./core/types.js";
export { isExtended } from "./core/types.js";
