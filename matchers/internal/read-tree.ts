import type { JsonValue } from "../../src/memory/seed-tree.js";
import { setOwn } from "../../src/memory/seed-tree.js";
import { treeValueOf } from "./content.js";
import { type Steps, wait } from "./drive.js";
import type { Inspector } from "./subject.js";

/**
 * A backend's files as `toTree` shows them: flat paths in sorted order, UTF-8 text as
 * strings, `.json` files parsed, other binary as `<binary N bytes sha256:…>`.
 * @public
 */
export type TreeSnapshot = { [path: string]: JsonValue };

/**
 * Reads the files at `paths` into a {@link TreeSnapshot}.
 * @param io - the backend's inspector
 * @param paths - files to read, sorted (default: every file)
 */
export function* readTree(io: Inspector, paths?: readonly string[]): Steps<TreeSnapshot> {
  const files = paths ?? (yield* wait(io.list()));
  const tree: TreeSnapshot = {};
  for (const path of files) {
    setOwn(tree, path, treeValueOf(path, yield* wait(io.read(path))) as JsonValue);
  }
  return tree;
}
