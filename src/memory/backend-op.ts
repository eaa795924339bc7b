/**
 * The name of a backend method, as faults and the journal record it.
 * @public
 */
export type BackendOp =
  | "newWriter"
  | "newReader"
  | "exists"
  | "delete"
  | "list"
  | "stat"
  | "hash"
  | "mkdir"
  | "rmdir"
  | "copy"
  | "move";
