import type { Backend } from "../core/types.js";
import { filesEqual } from "./compare.js";
import { DEFAULT_CONCURRENCY, resolveOptions } from "./options.js";
import { runPool } from "./pool.js";
import { preflight } from "./preflight.js";
import { scanSide } from "./scan.js";
import { type FileMeta, sideOf } from "./side.js";
import { sortErrors } from "./sort-errors.js";
import type { CheckOptions, CheckResult, SyncFileError } from "./types.js";

/**
 * Compares two folders without changing anything, with the same rules (and filter) as
 * {@link sync}: which files match, which differ, which are on one side only. Like sync, it
 * rejects overlapping folders on one backend (`InvalidPathError`) and a `srcPath` that is
 * missing (`NotFoundError`) or a file (`NotADirectoryError`).
 *
 * @param src - the source backend
 * @param dst - the destination backend
 * @param srcPath - the source folder (`""`: everything)
 * @param dstPath - the destination folder (`""`: everything)
 * @param options - comparison options, filter and signal
 * @returns sorted path lists relative to the folders; `inSync` when nothing differs and
 *   nothing failed
 * @example
 * ```ts
 * const { inSync, differ } = await check(fixtures, memory, "", "", { checksum: true });
 * ```
 * @public
 */
export async function check(
  src: Backend,
  dst: Backend,
  srcPath: string,
  dstPath: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const { takesPart } = resolveOptions("check", options);
  const srcSide = sideOf("check", src, srcPath);
  const dstSide = sideOf("check", dst, dstPath);
  const { signal } = options;
  signal?.throwIfAborted();
  await preflight("check", srcSide, dstSide, signal);
  const [srcFiles, dstFiles] = await Promise.all([
    scanSide(srcSide, takesPart, DEFAULT_CONCURRENCY, signal),
    scanSide(dstSide, takesPart, DEFAULT_CONCURRENCY, signal),
  ]);
  const common: [string, FileMeta, FileMeta][] = [];
  for (const [rel, srcMeta] of srcFiles) {
    const dstMeta = dstFiles.get(rel);
    if (dstMeta !== undefined) common.push([rel, srcMeta, dstMeta]);
  }
  const equal = new Map<string, boolean>();
  const errors: SyncFileError[] = [];
  await runPool(
    common,
    DEFAULT_CONCURRENCY,
    async ([rel, srcMeta, dstMeta]) => {
      try {
        equal.set(rel, await filesEqual(srcSide, dstSide, rel, srcMeta, dstMeta, options));
      } catch (error) {
        if (!signal?.aborted) errors.push({ path: rel, op: "compare", error });
      }
    },
    () => !signal?.aborted,
  );
  signal?.throwIfAborted();
  const match = common.map(([rel]) => rel).filter((rel) => equal.get(rel) === true);
  const differ = common.map(([rel]) => rel).filter((rel) => equal.get(rel) === false);
  const srcOnly = [...srcFiles.keys()].filter((rel) => !dstFiles.has(rel));
  const dstOnly = [...dstFiles.keys()].filter((rel) => !srcFiles.has(rel));
  const sortedErrors = sortErrors(errors);
  return {
    match,
    differ,
    srcOnly,
    dstOnly,
    errors: sortedErrors,
    inSync:
      differ.length === 0 &&
      srcOnly.length === 0 &&
      dstOnly.length === 0 &&
      sortedErrors.length === 0,
  };
}
