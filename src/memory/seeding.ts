import { bytesOf } from "./entries.js";
import type { MemoryCore } from "./memory-core.js";
import { decodeTree, encodeTree, type Tree } from "./seed-tree.js";

/**
 * Adds a tree to what the store holds, all or nothing: on a bad path, a conflict or the quota,
 * the store is left as it was.
 */
export function loadTree(core: MemoryCore, tree: Tree): void {
  const entries = encodeTree("load", tree);
  const { store } = core;
  const before = store.freeze();
  try {
    const now = core.now();
    for (const [path, bytes] of entries) {
      if (bytes === null) store.mkdir("load", path, now);
      else {
        core.checkQuota("load", path, bytes.length);
        const entry = core.entry(path, bytes, bytes.length, {}, now);
        store.putFile("load", path, entry);
      }
    }
  } catch (err) {
    store.restore(before);
    throw err;
  }
}

/** The stored tree: text as strings, other bytes as Uint8Array, empty directories as `null`. */
export function treeOf(core: MemoryCore): Record<string, string | Uint8Array | null> {
  const { store } = core;
  return decodeTree(
    store.entries(),
    (path) => bytesOf(core.file("toJSON", path)),
    (dir) => store.hasChildren(dir),
  );
}
