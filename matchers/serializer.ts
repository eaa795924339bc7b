import { compareCodeUnits } from "./internal/nearest-paths.js";
import { backendOf, isSyncBackend } from "./internal/subject.js";
import { toTree } from "./to-tree.js";

/** The parts of pretty-format's configuration a plugin uses (Jest's and Vitest's agree). */
export interface SerializerConfig {
  /** One level of indentation. */
  readonly indent: string;
  /** How deep nested values are printed. */
  readonly maxDepth: number;
  /** Print on one line, without type names. */
  readonly min?: boolean;
  /** What separates entries: a newline, or a space when `min`. */
  readonly spacingInner: string;
  /** What surrounds the entries: a newline, or nothing when `min`. */
  readonly spacingOuter: string;
}

/** pretty-format's printer, as handed to a plugin. */
export type SerializerPrinter = (
  value: unknown,
  config: never,
  indentation: string,
  depth: number,
  refs: never,
) => string;

/**
 * A snapshot serializer (a pretty-format plugin) for both runners' `addSnapshotSerializer`.
 * @public
 */
export interface BackendSerializer {
  /** True for a MemoryBackend or the `useMemoryBackend()` handle (never throws). */
  test(value: unknown): boolean;
  /** Prints the backend as its {@link toTree} tree. */
  serialize(
    value: unknown,
    config: SerializerConfig,
    indentation: string,
    depth: number,
    refs: unknown,
    printer: SerializerPrinter,
  ): string;
}

/**
 * Prints a MemoryBackend (or the `useMemoryBackend()` handle) in snapshots as its
 * {@link toTree} tree, so `expect(backend).toMatchSnapshot()` and `toMatchInlineSnapshot()`
 * are readable and stable: sorted paths, text as strings, `.json` parsed, binary summarised, no
 * timestamps.
 *
 * ```text
 * MemoryBackend {
 *   "data.json": {
 *     "ok": true,
 *   },
 *   "notes.txt": "hello",
 * }
 * ```
 *
 * Other backends answer asynchronously, which a serializer cannot wait for: snapshot
 * `await toTree(backend)` instead. The `omnistorage-ts/vitest` and `omnistorage-ts/jest` entries
 * register it; register it by hand with `expect.addSnapshotSerializer(serializer)`.
 * @public
 */
export const serializer: BackendSerializer = {
  test(value) {
    try {
      return isSyncBackend(backendOf(value));
    } catch {
      // The handle outside a test, or an exotic object whose getters throw: not ours.
      return false;
    }
  },
  serialize(value, config, indentation, depth, refs, printer) {
    if (depth + 1 > config.maxDepth) return "[MemoryBackend]";
    const tree = toTree(backendOf(value) as Parameters<typeof toTree>[0]) as Record<
      string,
      unknown
    >;
    const keys = Object.keys(tree).sort(compareCodeUnits);
    if (keys.length === 0) return "MemoryBackend {}";
    const inner = indentation + config.indent;
    const print = (item: unknown) =>
      printer(item, config as never, inner, depth + 1, refs as never);
    const entries = keys.map((key) => `${inner}${print(key)}: ${print(tree[key])}`);
    const trailing = config.min ? "" : ",";
    return `MemoryBackend {${config.spacingOuter}${entries.join(`,${config.spacingInner}`)}${trailing}${config.spacingOuter}${indentation}}`;
  },
};
