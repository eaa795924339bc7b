/**
 * `omnistorage-ts/fs`: a `node:fs`-shaped facade over any backend, so code written against
 * `node:fs` or `node:fs/promises` runs on a MemoryBackend, with the matchers, journal, faults
 * and quota around it, and without changing the code under test.
 * @packageDocumentation
 */
export type { CreateFsOptions, FsFacade, FsFunctionName, FsPromisesFacade } from "./create-fs.js";
export { createFs, createFsPromises } from "./create-fs.js";
export type { FileHandle } from "./file-handle.js";
export type { PathLike } from "./fs-paths.js";
export { memoryFsModule, setMemoryFsBackend } from "./mock-module.js";
export type { FsError } from "./node-errors.js";
export { Dirent, Stats } from "./stats.js";
export { FsNotSupportedError } from "./unsupported.js";
