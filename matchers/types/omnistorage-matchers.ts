import type { Backend } from "../../src/core/types.js";
import type { AsymmetricMatcherLike } from "../internal/context.js";
import type { ContentExpectation } from "../internal/match-content.js";
import type { ExpectedTree } from "../to-match-tree.js";
import type { SyncSubject } from "../to-tree.js";

/**
 * What a matcher call returns: `R` (the runner's `void`, or `Promise<void>` after
 * `.resolves`) when the subject `T` is a MemoryBackend or the `useMemoryBackend()` handle,
 * which answer synchronously; `Promise<void>` for any other backend, which must be awaited:
 * `await expect(fileBackend).toHaveFile("a.txt")`.
 * @public
 */
export type MatcherReturn<R, T> = [T] extends [SyncSubject] ? R : Promise<void>;

/**
 * What {@link OmnistorageMatchers.toMatchBackend} returns: synchronous only when both backends
 * are.
 * @public
 */
export type BackendMatcherReturn<R, T, O> = [T] extends [SyncSubject]
  ? [O] extends [SyncSubject]
    ? R
    : Promise<void>
  : Promise<void>;

/**
 * The matchers omnistorage adds to `expect`, for every runner. `R` is what the runner's
 * matchers return (`void`, or `Promise<void>` after `.resolves`); `T` is the received value's
 * type. Each runner's augmentation (in `omnistorage-ts/vitest` and `omnistorage-ts/jest`) extends this
 * interface.
 *
 * The subject is a MemoryBackend, the `useMemoryBackend()` handle, or any other Backend; the
 * matchers are synchronous on the first two and return a Promise on any other backend. Every
 * path is normalised like every other path. Every matcher works with `.not`.
 * @public
 */
export interface OmnistorageMatchers<R = void, T = unknown> {
  /**
   * The path is a file; given `expected`, its content matches it: a string (exact UTF-8 text),
   * a Uint8Array (exact bytes), a RegExp (tested against the text) or an asymmetric matcher.
   * @param path - the file
   * @param expected - the content, optional
   * @example
   * ```ts
   * expect(backend).toHaveFile("notes.txt", expect.stringContaining("hello"));
   * ```
   */
  toHaveFile(path: string, expected?: ContentExpectation): MatcherReturn<R, T>;

  /**
   * The file parses as JSON and matches `expected` like `toMatchObject` (asymmetric matchers
   * inside work).
   * @param path - the JSON file
   * @param expected - the subset it must contain
   * @example
   * ```ts
   * expect(backend).toContainJSON("report.json", { total: expect.any(Number) });
   * ```
   */
  toContainJSON(path: string, expected: unknown): MatcherReturn<R, T>;

  /**
   * Every path is a file. With `.not`: NONE of them is a file.
   * @param paths - a non-empty list of files
   * @example
   * ```ts
   * expect(backend).toHaveFiles(["a.csv", "b.csv"]);
   * expect(backend).not.toHaveFiles(["a.tmp", "b.tmp"]); // neither exists
   * ```
   */
  toHaveFiles(paths: readonly string[]): MatcherReturn<R, T>;

  /**
   * The path is a directory (made by `mkdir` or implied by files below it).
   * @param path - the directory
   * @example
   * ```ts
   * expect(backend).toHaveDirectory("reports");
   * ```
   */
  toHaveDirectory(path: string): MatcherReturn<R, T>;

  /**
   * The backend holds exactly `count` files.
   * @param count - a non-negative integer
   * @example
   * ```ts
   * expect(backend).toHaveFileCount(3);
   * ```
   */
  toHaveFileCount(count: number): MatcherReturn<R, T>;

  /**
   * The backend holds exactly these files with these contents: strings, Uint8Arrays, RegExps,
   * asymmetric matchers, JSON values (the file is parsed) or `null` (a directory).
   * @param tree - path → expected content
   * @example
   * ```ts
   * expect(backend).toMatchTree({ "a.txt": "hi", "b.json": { ok: true }, logs: null });
   * ```
   */
  toMatchTree(tree: ExpectedTree): MatcherReturn<R, T>;

  /**
   * The backend holds the same files with the same bytes as `other`; a failure lists added,
   * removed and changed paths.
   * @param other - a MemoryBackend, the `useMemoryBackend()` handle, or any Backend
   * @example
   * ```ts
   * expect(target).toMatchBackend(source);
   * ```
   */
  toMatchBackend<O extends Backend | SyncSubject>(other: O): BackendMatcherReturn<R, T, O>;

  /**
   * The journal holds a committed write of `path` (exactly `times` of them, if given). Journal
   * matchers take a MemoryBackend or the `useMemoryBackend()` handle and are synchronous.
   * @param path - the file
   * @param times - the exact number of committed writes
   * @example
   * ```ts
   * expect(backend).toHaveWritten("out/report.csv", 1);
   * ```
   */
  toHaveWritten(path: string, times?: number): R;

  /**
   * The journal holds a successful `delete(path)`.
   * @param path - the file
   * @example
   * ```ts
   * expect(backend).toHaveDeleted("tmp/upload.part");
   * ```
   */
  toHaveDeleted(path: string): R;

  /**
   * The journal holds a successful `copy(src, dst)`.
   * @param src - the source
   * @param dst - the destination
   * @example
   * ```ts
   * expect(backend).toHaveCopied("in/a.csv", "archive/a.csv");
   * ```
   */
  toHaveCopied(src: string, dst: string): R;

  /**
   * The journal holds a successful `move(src, dst)`.
   * @param src - the source
   * @param dst - the destination
   * @example
   * ```ts
   * expect(backend).toHaveMoved("uploads/tmp-1", "uploads/photo.jpg");
   * ```
   */
  toHaveMoved(src: string, dst: string): R;
}

export type { AsymmetricMatcherLike, ContentExpectation, ExpectedTree, SyncSubject };
