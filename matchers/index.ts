/**
 * `omnistorage-ts/matchers`: the raw matchers, for `expect.extend(matchers)` by hand, with the
 * snapshot helpers and the matcher types. `omnistorage-ts/vitest` and `omnistorage-ts/jest` register
 * all of it for you.
 * @packageDocumentation
 */
// Adding a matcher (one file, `to-have-x.ts`): import it here (or add it to a group's barrel
// such as `journal/index.ts`), add it to `matchers` and to the export list at the end, and
// declare it in `OmnistorageMatchers` and in `types/vitest.ts`; the type tests
// (`node scripts/type-tests.mjs`) fail until all of them agree.
import { journalMatchers } from "./journal/index.js";
import { toContainJSON } from "./to-contain-json.js";
import { toHaveDirectory } from "./to-have-directory.js";
import { toHaveFile } from "./to-have-file.js";
import { toHaveFileCount } from "./to-have-file-count.js";
import { toHaveFiles } from "./to-have-files.js";
import { toMatchBackend } from "./to-match-backend.js";
import { toMatchTree } from "./to-match-tree.js";

/**
 * Every matcher by name: the object for `expect.extend(matchers)`, in Jest and in Vitest.
 * @example
 * ```ts
 * import { matchers, serializer } from "omnistorage-ts/matchers";
 * expect.extend(matchers);
 * expect.addSnapshotSerializer(serializer);
 * ```
 * @public
 */
export const matchers = {
  /** {@inheritDoc toContainJSON} */
  toContainJSON,
  /** {@inheritDoc toHaveDirectory} */
  toHaveDirectory,
  /** {@inheritDoc toHaveFile} */
  toHaveFile,
  /** {@inheritDoc toHaveFileCount} */
  toHaveFileCount,
  /** {@inheritDoc toHaveFiles} */
  toHaveFiles,
  /** {@inheritDoc toMatchBackend} */
  toMatchBackend,
  /** {@inheritDoc toMatchTree} */
  toMatchTree,
  ...journalMatchers,
};

export type {
  AsymmetricMatcherLike,
  MatcherContext,
  MatcherResult,
} from "./internal/context.js";
export type { ContentExpectation } from "./internal/match-content.js";
export type { SyncBackend } from "./internal/subject.js";
export { toHaveCopied, toHaveDeleted, toHaveMoved, toHaveWritten } from "./journal/index.js";
export type { BackendSerializer, SerializerConfig, SerializerPrinter } from "./serializer.js";
export { serializer } from "./serializer.js";
export type { ExpectedTree } from "./to-match-tree.js";
export type { SyncSubject, TreeSnapshot } from "./to-tree.js";
export { toTree } from "./to-tree.js";
export type {
  BackendMatcherReturn,
  MatcherReturn,
  OmnistorageMatchers,
} from "./types/omnistorage-matchers.js";
export {
  toContainJSON,
  toHaveDirectory,
  toHaveFile,
  toHaveFileCount,
  toHaveFiles,
  toMatchBackend,
  toMatchTree,
};
