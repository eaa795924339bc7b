/**
 * `omnistorage-ts/memory`: the in-memory backend. Importing this entry registers it as
 * `"memory"`, so `open("memory", options)` works.
 * @packageDocumentation
 */
import { builtinFactory, register } from "../core/registry.js";
import { MemoryBackend } from "./memory-backend.js";
import type { MemoryBackendOptions } from "./memory-core.js";

register(
  "memory",
  builtinFactory("memory", (config?: MemoryBackendOptions) => new MemoryBackend(config ?? {})),
);

export type { BackendOp } from "./backend-op.js";
export type { FaultCall, FaultHandle, FaultOp, FaultSpec } from "./faults.js";
export type { JournalEntry, JournalOp } from "./journal.js";
export type { MemoryBackendOptions, MemoryCheckpoint, OpenHandle } from "./memory-backend.js";
export { MemoryBackend } from "./memory-backend.js";
export type { JsonValue, Tree, TreeValue } from "./seed-tree.js";
