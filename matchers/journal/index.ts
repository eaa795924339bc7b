import { toHaveCopied } from "./to-have-copied.js";
import { toHaveDeleted } from "./to-have-deleted.js";
import { toHaveMoved } from "./to-have-moved.js";
import { toHaveWritten } from "./to-have-written.js";

/**
 * The matchers on a MemoryBackend's journal, by name (spread into `matchers`).
 * @public
 */
export const journalMatchers = {
  /** {@inheritDoc toHaveCopied} */
  toHaveCopied,
  /** {@inheritDoc toHaveDeleted} */
  toHaveDeleted,
  /** {@inheritDoc toHaveMoved} */
  toHaveMoved,
  /** {@inheritDoc toHaveWritten} */
  toHaveWritten,
};

export { toHaveCopied, toHaveDeleted, toHaveMoved, toHaveWritten };
