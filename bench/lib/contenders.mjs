// The contenders behind one small async interface, each called the way its users call it.
// Workloads name files by relative paths ("d0001/f000042.bin"); each adapter maps them to its
// own namespace. bench/run.mjs runs every workload twice, once per path spelling (BENCH_PATHS):
// "plain" ("d0001/f000042.bin", two levels, the way our own code spells paths) and
// "slash-deep" ("/d0001/a/b/c/f000042.bin", a leading slash and five levels, the way users of
// node:fs and memfs write them), which omnistorage, unstorage and the Map fake are handed as is.

import * as fsp from "node:fs/promises";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Volume } from "memfs";
import { createStorage } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";
import { readFile, writeFile } from "../../dist/esm/index.js";
import { MemoryBackend } from "../../dist/esm/memory.js";
import { MapBaseline } from "./map-baseline.mjs";

/** Where the tmpfs contender lives: RAM-backed, what temp-dir fixtures on Linux pick (bench/run.mjs
 * points it at a folder of its own below /dev/shm). */
export const TMPFS = process.env.BENCH_TMPFS ?? "/dev/shm";

/**
 * @typedef {object} Store
 * @property {(path: string, bytes: Uint8Array) => Promise<unknown>} write - one whole file
 * @property {(path: string) => Promise<Uint8Array>} read - one whole file
 * @property {(path: string) => Promise<boolean>} exists
 * @property {(dir: string) => Promise<unknown[]>} list - the files in one directory
 * @property {((dir: string) => Promise<unknown>) | undefined} mkdir - `mkdir -p`
 * @property {((dir: string) => Promise<unknown>) | undefined} rmdir - an empty directory
 * @property {(src: string, dst: string) => Promise<unknown>} copy
 * @property {(src: string, dst: string) => Promise<unknown>} move
 * @property {(dirs: readonly string[]) => Promise<unknown>} ensureDirs - what a caller must do
 *   before writing into `dirs` (nothing where parents are implicit)
 * @property {(files: readonly [string, Uint8Array][]) => Promise<unknown>} seed - untimed bulk load
 * @property {() => Promise<unknown>} close - the end of a fixture's life
 */

/**
 * @typedef {object} Contender
 * @property {string} name
 * @property {() => Promise<Store>} create
 */

const noDirs = async () => {};

/** This run's path spelling: "plain" or "slash-deep" (see the top of this file). */
export const SPELLING = process.env.BENCH_PATHS === "slash-deep" ? "slash-deep" : "plain";
const DEEP = SPELLING === "slash-deep";

/**
 * A relative path as this run's callers spell it: with a leading `/` in the slash-deep run.
 * @param {string} path
 */
export const spell = DEEP ? (path) => `/${path}` : (path) => path;

/** @type {Contender} */
export const ours = {
  name: "omnistorage-ts",
  async create() {
    const b = new MemoryBackend();
    return {
      backend: b,
      write: (p, bytes) => writeFile(b, spell(p), bytes),
      read: (p) => readFile(b, spell(p)),
      exists: (p) => b.exists(spell(p)),
      list: (dir) => b.list(spell(`${dir}/`)),
      mkdir: (dir) => b.mkdir(spell(dir)),
      rmdir: (dir) => b.rmdir(spell(dir)),
      copy: (src, dst) => b.copy(spell(src), spell(dst)),
      move: (src, dst) => b.move(spell(src), spell(dst)),
      ensureDirs: noDirs,
      seed: async (files) => b.load(Object.fromEntries(files)),
      close: () => b.close(),
    };
  },
};

/** @type {Contender} */
export const memfs = {
  name: "memfs",
  async create() {
    const vol = new Volume();
    const fs = vol.promises;
    const abs = (p) => `/${p}`;
    return {
      vol,
      write: (p, bytes) => fs.writeFile(abs(p), bytes),
      read: (p) => fs.readFile(abs(p)),
      exists: (p) =>
        fs.access(abs(p)).then(
          () => true,
          () => false,
        ),
      list: (dir) => fs.readdir(abs(dir)),
      mkdir: (dir) => fs.mkdir(abs(dir), { recursive: true }),
      rmdir: (dir) => fs.rmdir(abs(dir)),
      copy: (src, dst) => fs.copyFile(abs(src), abs(dst)),
      move: (src, dst) => fs.rename(abs(src), abs(dst)),
      ensureDirs: async (dirs) => {
        for (const dir of dirs) await fs.mkdir(abs(dir), { recursive: true });
      },
      seed: async (files) => {
        const dirs = new Set(files.map(([p]) => p.slice(0, p.lastIndexOf("/"))));
        for (const dir of dirs) if (dir) vol.mkdirSync(abs(dir), { recursive: true });
        for (const [p, bytes] of files) vol.writeFileSync(abs(p), bytes);
      },
      close: async () => vol.reset(),
    };
  },
};

/** @type {Contender} */
export const unstorage = {
  name: "unstorage",
  async create() {
    const s = createStorage({ driver: memoryDriver() });
    return {
      storage: s,
      // The memory driver keeps the caller's object itself: no copy at write or read.
      write: (p, bytes) => s.setItemRaw(spell(p), bytes),
      read: (p) => s.getItemRaw(spell(p)),
      exists: (p) => s.hasItem(spell(p)),
      list: (dir) => s.getKeys(spell(dir)),
      mkdir: undefined,
      rmdir: undefined,
      copy: async (src, dst) => s.setItemRaw(spell(dst), await s.getItemRaw(spell(src))),
      move: async (src, dst) => {
        await s.setItemRaw(spell(dst), await s.getItemRaw(spell(src)));
        await s.removeItem(spell(src));
      },
      ensureDirs: noDirs,
      seed: async (files) => {
        for (const [p, bytes] of files) await s.setItemRaw(p, bytes.slice());
      },
      close: () => s.dispose(),
    };
  },
};

/** @type {Contender} */
export const map = {
  name: "Map",
  async create() {
    const m = new MapBaseline();
    return {
      map: m,
      write: (p, bytes) => writeFile(m, spell(p), bytes),
      read: (p) => readFile(m, spell(p)),
      exists: (p) => m.exists(spell(p)),
      list: (dir) => m.list(spell(`${dir}/`)),
      mkdir: (dir) => m.mkdir(spell(dir)),
      rmdir: (dir) => m.rmdir(spell(dir)),
      copy: (src, dst) => m.copy(spell(src), spell(dst)),
      move: (src, dst) => m.move(spell(src), spell(dst)),
      ensureDirs: noDirs,
      seed: async (files) => {
        for (const [p, bytes] of files) m.files.set(spell(p), [bytes.slice()]);
      },
      close: () => m.close(),
    };
  },
};

/** @type {Contender} */
export const tmpfs = {
  name: "tmpfs",
  async create() {
    const root = await mkdtemp(join(TMPFS, "omnistorage-bench-"));
    const abs = (p) => join(root, p);
    return {
      root,
      write: (p, bytes) => fsp.writeFile(abs(p), bytes),
      read: (p) => fsp.readFile(abs(p)),
      exists: (p) =>
        fsp.access(abs(p)).then(
          () => true,
          () => false,
        ),
      list: (dir) => fsp.readdir(abs(dir)),
      mkdir: (dir) => fsp.mkdir(abs(dir), { recursive: true }),
      rmdir: (dir) => fsp.rmdir(abs(dir)),
      copy: (src, dst) => fsp.copyFile(abs(src), abs(dst)),
      move: (src, dst) => fsp.rename(abs(src), abs(dst)),
      ensureDirs: async (dirs) => {
        for (const dir of dirs) await mkdir(abs(dir), { recursive: true });
      },
      seed: async (files) => {
        const dirs = new Set(files.map(([p]) => p.slice(0, p.lastIndexOf("/"))));
        for (const dir of dirs) if (dir) await mkdir(abs(dir), { recursive: true });
        await inParallel(files, 32, ([p, bytes]) => fsp.writeFile(abs(p), bytes));
      },
      close: () => rm(root, { recursive: true, force: true }),
    };
  },
};

/** Every contender, in table order. */
export const ALL = [ours, memfs, unstorage, map, tmpfs];

/**
 * Runs `fn` over `items` with at most `limit` calls in flight.
 * @template T
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<unknown>} fn
 */
export async function inParallel(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The data set most workloads use: `count` files over `dirs` directories, file i in directory
 * i mod dirs ("round-robin": neighbours in a directory were created far apart) or in
 * directory floor(i / (count / dirs)) ("grouped": each directory filled in turn, as a seed tree
 * written out in path order is).
 * @param {number} count - files
 * @param {number} dirs - directories
 * @param {number} size - bytes per file
 * @param {"round-robin" | "grouped"} [layout]
 * @returns {{ files: [string, Uint8Array][], dirNames: string[], pathOf: (i: number) => string }}
 */
export function dataset(count, dirs, size, layout = "round-robin") {
  // Five levels in the slash-deep run: d0001/a/b/c/f000042.bin.
  const sub = DEEP ? "/a/b/c" : "";
  const dirNames = Array.from({ length: dirs }, (_, d) => `d${String(d).padStart(4, "0")}${sub}`);
  const perDir = Math.max(1, Math.ceil(count / dirs));
  const dirOf = layout === "grouped" ? (i) => Math.floor(i / perDir) % dirs : (i) => i % dirs;
  const pathOf = (i) => `${dirNames[dirOf(i)]}/f${String(i).padStart(6, "0")}.bin`;
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const files = Array.from({ length: count }, (_, i) => [pathOf(i), bytes]);
  return { files, dirNames, pathOf };
}
