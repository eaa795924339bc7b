/**
 * `omnistorage-ts/sync`: one-way sync, copy and comparison of folders between any two backends
 * (memory ↔ file ↔ your own), ported from the Go original's `sync` package.
 * @packageDocumentation
 */
export { check } from "./check.js";
export { copyDir, sync } from "./sync.js";
export type {
  CheckOptions,
  CheckResult,
  CompareOptions,
  SyncFileError,
  SyncFilter,
  SyncOptions,
  SyncPhase,
  SyncProgress,
  SyncResult,
} from "./types.js";
