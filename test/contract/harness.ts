import { afterEach, beforeEach, expect } from "vitest";
import type { StorageErrorCode } from "../../src/core/errors.js";
import { isStorageError } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import type { ExtendedBackend, WriterOptions } from "../../src/core/types.js";

/** How the contract suite makes and disposes of the backend under test. */
export interface ContractTarget {
  /** A fresh, empty backend for one test. */
  create(): ExtendedBackend | Promise<ExtendedBackend>;
  /** Called after each test, after the backend was closed (e.g. to remove a temp dir). */
  destroy?(backend: ExtendedBackend): void | Promise<void>;
}

/** Gives each test a fresh backend and closes it afterwards; returns an accessor. */
export function useTarget(target: ContractTarget): () => ExtendedBackend {
  let current: ExtendedBackend | undefined;
  beforeEach(async () => {
    current = await target.create();
  });
  afterEach(async () => {
    const backend = current;
    current = undefined;
    if (!backend) return;
    await backend.close();
    await target.destroy?.(backend);
  });
  return () => {
    if (!current) throw new Error("contract: backend used outside a test");
    return current;
  };
}

/** Writes a whole file. */
export const put = (
  b: ExtendedBackend,
  path: string,
  data: string | Uint8Array,
  options?: WriterOptions,
): Promise<void> => writeFile(b, path, data, options);

/** Reads a whole file as text. */
export const text = (b: ExtendedBackend, path: string): Promise<string> => readText(b, path);

/** Asserts that `promise` rejects with a StorageError of `code`, naming `op` and `path`. */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: StorageErrorCode,
  op: string,
  path?: string,
): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a rejection with ${code}`).toBeDefined();
  if (!isStorageError(err)) throw err;
  expect({ code: err.code, op: err.op }).toEqual({ code, op });
  if (path !== undefined) {
    expect(err.path).toBe(path);
    expect(err.message).toContain(JSON.stringify(path));
  }
  expect(err.message).toContain(op);
}

/** Every file with its text content, plus every path that exists, for "nothing changed" checks. */
export async function state(b: ExtendedBackend): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of await b.list()) out[path] = await text(b, path);
  return out;
}

/**
 * Every operation that takes a path, called with `path` (as source and as destination, with
 * `ok.txt` on the other side), each named by its `op`.
 */
export function everyPathCall(
  b: ExtendedBackend,
  path: string,
): [op: string, call: () => Promise<unknown>][] {
  return [
    ["newWriter", () => b.newWriter(path)],
    ["newReader", () => b.newReader(path)],
    ["exists", () => b.exists(path)],
    ["delete", () => b.delete(path)],
    ["stat", () => b.stat(path)],
    ["hash", () => b.hash(path, "md5")],
    ["mkdir", () => b.mkdir(path)],
    ["rmdir", () => b.rmdir(path)],
    ["copy", () => b.copy(path, "x")],
    ["copy", () => b.copy("ok.txt", path)],
    ["move", () => b.move(path, "x")],
    ["move", () => b.move("ok.txt", path)],
  ];
}
