import type { StoreState } from "./store.js";

/**
 * An immutable checkpoint from {@link MemoryBackend.snapshot}; it shares structure with the
 * live store, so taking and restoring one costs the same whatever the store holds.
 * @public
 */
export interface MemoryCheckpoint {
  /** Files at the time of the snapshot. */
  readonly files: number;
  /** Total bytes at the time of the snapshot. */
  readonly bytes: number;
}

// A `Symbol.for` key, like the errors' brand: the ESM and CommonJS copies of the package (and
// other vm realms) share it, so a checkpoint taken through one restores through the other.
const STATE: unique symbol = Symbol.for("omnistorage.MemoryCheckpoint.state");

/** A checkpoint holding `state` (out of sight: a non-enumerable symbol property). */
export function toCheckpoint(state: StoreState): MemoryCheckpoint {
  const checkpoint = { files: state.files, bytes: state.bytes };
  Object.defineProperty(checkpoint, STATE, { value: state });
  return Object.freeze(checkpoint);
}

/**
 * The state a checkpoint holds.
 * @throws TypeError when `checkpoint` did not come from `snapshot()` (of any copy of the package)
 */
export function stateOf(checkpoint: MemoryCheckpoint): StoreState {
  const state =
    typeof checkpoint === "object" && checkpoint !== null
      ? (checkpoint as { [STATE]?: StoreState })[STATE]
      : undefined;
  if (
    typeof state !== "object" ||
    state === null ||
    typeof state.tree?.root !== "object" ||
    typeof state.bytes !== "number" ||
    typeof state.files !== "number"
  ) {
    throw new TypeError("restore: not a checkpoint from MemoryBackend.snapshot()");
  }
  return state;
}
