/** Every backend method name, in one list that faults and the journal build on. */
export const BACKEND_OPS = [
  "newWriter",
  "newReader",
  "exists",
  "delete",
  "list",
  "stat",
  "hash",
  "mkdir",
  "rmdir",
  "copy",
  "move",
] as const;

/**
 * The name of a backend method, as faults and the journal record it.
 * @public
 */
export type BackendOp = (typeof BACKEND_OPS)[number];
