import { isNotADirectory, isNotFound } from "../core/errors.js";
import { readFile, writeFile } from "../core/helpers.js";
import { type Backend, type ExtendedBackend, isExtended, type ObjectInfo } from "../core/types.js";
import type { EntryInfo } from "./stats.js";

/**
 * The facade's operations are written once, as generators that yield each backend call, and
 * run two ways: {@link runAsync} awaits what they yield (the promise and callback forms), and
 * {@link runSync} hands values straight back (the Sync forms, over a MemoryBackend's
 * synchronous methods). One set of rules, so the three forms cannot drift apart.
 */
export type Step<T> = Generator<unknown, T, unknown>;

/** One backend call, as a step. */
export function* step<T>(value: T | Promise<T>): Step<T> {
  return (yield value) as T;
}

/** Does `f` when the step runs, so a runner does it in its turn, after the calls before it. */
export function* inTurn<T>(f: () => T): Step<T> {
  yield* step(undefined);
  return f();
}

/** A child of a directory. */
export interface Child {
  readonly name: string;
  readonly isDir: boolean;
}

/** The backend calls the operations need; keys are backend paths, `""` the root. */
export interface Io {
  /** The entry at `key`, or undefined when nothing is there. */
  stat(key: string): Step<EntryInfo | undefined>;
  children(key: string): Step<Child[]>;
  read(key: string): Step<Uint8Array>;
  write(key: string, bytes: Uint8Array): Step<void>;
  delete(key: string): Step<void>;
  mkdir(key: string): Step<void>;
  rmdir(key: string, recursive: boolean): Step<void>;
  copy(src: string, dst: string): Step<void>;
  move(src: string, dst: string): Step<void>;
}

/** Runs an operation, awaiting each backend call. */
export async function runAsync<T>(operation: Step<T>): Promise<T> {
  let result = operation.next();
  while (!result.done) {
    let value: unknown;
    try {
      value = await result.value;
    } catch (err) {
      result = operation.throw(err);
      continue;
    }
    result = operation.next(value);
  }
  return result.value;
}

/** Runs steps one after another. */
export type Runner = <T>(operation: Step<T>) => Promise<T>;

/**
 * A runner that runs one operation at a time, in call order: each operation checks and then
 * changes the store over several backend calls, so two unawaited calls (two `appendFile`s, a
 * `mkdir` and a `writeFile` into it) must not interleave. A disk serialises them the same way.
 */
export function serialRunner(): Runner {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(operation: Step<T>): Promise<T> => {
    const next = last.then(() => runAsync(operation));
    last = next.catch(() => undefined);
    return next;
  };
}

/** Runs an operation whose backend calls are synchronous. */
export function runSync<T>(operation: Step<T>): T {
  let result = operation.next();
  while (!result.done) result = operation.next(result.value);
  return result.value;
}

const ROOT: EntryInfo = Object.freeze({ isDir: true, size: 0, mtime: new Date(0) });
const absent = (err: unknown): undefined => {
  if (isNotFound(err) || isNotADirectory(err)) return undefined;
  throw err;
};
const infoOf = (info: ObjectInfo): EntryInfo => ({
  isDir: info.isDir,
  size: info.size,
  mtime: info.modTime,
});

/** The synchronous methods a MemoryBackend (or a `useMemoryBackend()` handle) has. */
export interface SyncBackend {
  statSync(path: string): ObjectInfo;
  readSync(path: string): Uint8Array;
  childrenSync(dir: string): Child[];
  writeSync(path: string, data: Uint8Array): void;
  deleteSync(path: string): void;
  mkdirSync(path: string): void;
  rmdirSync(path: string, options?: { recursive?: boolean }): void;
  copySync(src: string, dst: string): void;
  moveSync(src: string, dst: string): void;
}

const SYNC_METHODS = ["statSync", "readSync", "childrenSync", "writeSync", "deleteSync"] as const;

/** True when the backend can serve the Sync forms. */
export function isSyncBackend(backend: unknown): backend is SyncBackend {
  const b = backend as Record<string, unknown>;
  return SYNC_METHODS.every((m) => typeof b[m] === "function");
}

/** Backend calls through the async Backend API. */
export function asyncIo(backend: Backend): Io {
  // Checked per call: a `useMemoryBackend()` handle has a backend only while a test runs.
  const needs = (what: string): ExtendedBackend => {
    if (isExtended(backend)) return backend;
    throw Object.assign(new Error(`omnistorage-ts/fs: ${what} needs an ExtendedBackend`), {
      code: "ENOTSUP",
    });
  };
  return {
    stat: (key) => step(key === "" ? ROOT : needs("stat").stat(key).then(infoOf, absent)),
    children: (key) => step(childrenOf(backend, key)),
    read: (key) => step(readFile(backend, key)),
    write: (key, bytes) => step(writeFile(backend, key, bytes)),
    delete: (key) => step(backend.delete(key)),
    mkdir: (key) => step(needs("mkdir").mkdir(key)),
    rmdir: (key, recursive) => step(needs("rmdir").rmdir(key, { recursive })),
    copy: (src, dst) => step(needs("copy").copy(src, dst)),
    move: (src, dst) => step(needs("move").move(src, dst)),
  };
}

/**
 * A directory's children: a MemoryBackend names them directly (empty directories included);
 * any other backend's are read off the files listed below it.
 */
async function childrenOf(backend: Backend, key: string): Promise<Child[]> {
  const direct = (backend as Partial<SyncBackend>).childrenSync;
  if (typeof direct === "function") return direct.call(backend, key);
  const prefix = key === "" ? "" : `${key}/`;
  const children = new Map<string, boolean>();
  for (const file of await backend.list(prefix)) {
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash < 0 ? rest : rest.slice(0, slash);
    children.set(name, (children.get(name) ?? false) || slash >= 0);
  }
  return [...children].map(([name, isDir]) => ({ name, isDir }));
}

/** Backend calls through a MemoryBackend's synchronous methods. */
export function syncIo(backend: SyncBackend): Io {
  return {
    stat: (key) => {
      if (key === "") return step(ROOT);
      try {
        return step(infoOf(backend.statSync(key)));
      } catch (err) {
        return step(absent(err));
      }
    },
    children: (key) => step(backend.childrenSync(key)),
    read: (key) => step(backend.readSync(key)),
    write: (key, bytes) => step(backend.writeSync(key, bytes)),
    delete: (key) => step(backend.deleteSync(key)),
    mkdir: (key) => step(backend.mkdirSync(key)),
    rmdir: (key, recursive) => step(backend.rmdirSync(key, { recursive })),
    copy: (src, dst) => step(backend.copySync(src, dst)),
    move: (src, dst) => step(backend.moveSync(src, dst)),
  };
}
