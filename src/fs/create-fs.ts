import { posix } from "node:path";
import type { Backend } from "../core/types.js";
import { Descriptors } from "./descriptors.js";
import { resolveFsPath } from "./fs-paths.js";
import {
  asyncIo,
  type Io,
  inTurn,
  isSyncBackend,
  type Runner,
  runSync,
  serialRunner,
  syncIo,
} from "./io.js";
import { invalidArg, toFsError } from "./node-errors.js";
import { abortable, type FsContext, guarded, OPERATIONS } from "./operations.js";
import { Dirent, Stats } from "./stats.js";
import { createReadStream, createWriteStream } from "./streams.js";
import {
  addStubs,
  FsNotSupportedError,
  UNSUPPORTED_FS,
  UNSUPPORTED_PROMISES,
} from "./unsupported.js";

/** Options of {@link createFs}. @public */
export interface CreateFsOptions {
  /** The directory relative paths resolve against (default `/`, the backend's root). */
  cwd?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the facade mirrors node:fs's many overloads.
type Fn = (...args: any[]) => any;

/** The path functions the facade covers, by their `node:fs/promises` name. @public */
export type FsFunctionName =
  | "readFile"
  | "writeFile"
  | "appendFile"
  | "mkdir"
  | "readdir"
  | "stat"
  | "lstat"
  | "access"
  | "unlink"
  | "rmdir"
  | "rm"
  | "rename"
  | "copyFile"
  | "cp"
  | "realpath"
  | "mkdtemp";

type DescriptorName = "open" | "close" | "read" | "write" | "fstat";

/** An object shaped like `node:fs/promises`. @public */
export type FsPromisesFacade = { [K in FsFunctionName | "open"]: Fn } & {
  /** `F_OK`, `R_OK`, `W_OK`, `X_OK`, `COPYFILE_*` … as in `node:fs`. */
  constants: typeof CONSTANTS;
} & Record<string, unknown>;

/** An object shaped like `node:fs`, with `.promises`. @public */
export type FsFacade = {
  [K in
    | FsFunctionName
    | `${FsFunctionName}Sync`
    | DescriptorName
    | `${DescriptorName}Sync`
    | "exists"
    | "existsSync"
    | "createReadStream"
    | "createWriteStream"]: Fn;
} & {
  /** The promise API over the same backend and `cwd`. */
  promises: FsPromisesFacade;
  /** `F_OK`, `R_OK`, `W_OK`, `X_OK`, `COPYFILE_*` … as in `node:fs`. */
  constants: typeof CONSTANTS;
  /** `realpath`, with `realpath.native` (the same: the facade has no links). */
  realpath: Fn & {
    /** The same function: the facade has no links to resolve. */
    native: Fn;
  };
  /** `realpathSync`, with `realpathSync.native`. */
  realpathSync: Fn & {
    /** The same function: the facade has no links to resolve. */
    native: Fn;
  };
  /** The class of what `stat` returns, for `instanceof`. */
  Stats: typeof Stats;
  /** The class of what `readdir(…, { withFileTypes: true })` returns, for `instanceof`. */
  Dirent: typeof Dirent;
} & Record<string, unknown>;

const CONSTANTS = Object.freeze({
  F_OK: 0,
  R_OK: 4,
  W_OK: 2,
  X_OK: 1,
  COPYFILE_EXCL: 1,
  COPYFILE_FICLONE: 2,
  COPYFILE_FICLONE_FORCE: 4,
});

const NAMES = Object.keys(OPERATIONS).filter((name) => name !== "exists");

/** The shared state of one facade: cwd, the backend's calls, the descriptors. */
class Facade implements FsContext {
  readonly cwd: string;
  readonly io: Io;
  /** Every async operation of this facade, one at a time in call order. */
  readonly run: Runner = serialRunner();
  readonly fds = new Descriptors(this, this.run);
  readonly #backend: Backend;

  constructor(backend: Backend, cwd: string) {
    // `in`, not a read: a useMemoryBackend() handle has no backend outside a test.
    if (typeof backend !== "object" || backend === null || !("newReader" in backend)) {
      throw new TypeError("createFs: the first argument must be an omnistorage Backend");
    }
    if (typeof cwd !== "string" || !cwd.startsWith("/")) {
      throw new TypeError(
        `createFs: options.cwd must be an absolute path, got ${JSON.stringify(cwd)}`,
      );
    }
    this.#backend = backend;
    this.cwd = posix.resolve(cwd);
    this.io = asyncIo(backend);
  }

  path(arg: unknown, name?: string) {
    return resolveFsPath(this.cwd, arg, name);
  }

  /** The synchronous calls, or a clear error when the backend has none. */
  syncIo(name: string): Io {
    if (!isSyncBackend(this.#backend)) {
      throw new FsNotSupportedError(
        `fs.${name}`,
        "Sync forms need a MemoryBackend (or a useMemoryBackend() handle); use the promise or callback form",
      );
    }
    return syncIo(this.#backend);
  }

  promise(name: string): Fn {
    const operation = OPERATIONS[name] as (typeof OPERATIONS)[string];
    return (...args: unknown[]) =>
      this.run(abortable(operation, args, guarded(operation, this, this.io, args)));
  }

  sync(name: string): Fn {
    const operation = OPERATIONS[name] as (typeof OPERATIONS)[string];
    return (...args: unknown[]) =>
      runSync(guarded(operation, this, this.syncIo(`${name}Sync`), args));
  }

  fail = (err: unknown, syscall: string, path?: string): unknown =>
    (err as { syscall?: unknown } | null)?.syscall !== undefined
      ? err
      : toFsError(err, syscall, path);
}

/** Calls `callback` outside the promise chain, so an exception in it is not swallowed. */
function callbackForm(name: string, run: Fn, spread = false): Fn {
  return (...args: unknown[]) => {
    const callback = args.pop();
    if (typeof callback !== "function") {
      throw invalidArg(
        "ERR_INVALID_ARG_TYPE",
        `The "cb" argument of fs.${name} must be of type function. Received ${typeof callback}`,
      );
    }
    // Started now, not a microtask later, so it queues in call order with the promise forms.
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(run(...args));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (result: unknown) =>
        process.nextTick(() =>
          spread ? callback(null, ...(result as unknown[])) : callback(null, result),
        ),
      (err: unknown) => process.nextTick(() => callback(err)),
    );
  };
}

function buildPromises(facade: Facade): FsPromisesFacade {
  const api: Record<string, unknown> = { constants: CONSTANTS };
  for (const name of NAMES) api[name] = facade.promise(name);
  api.open = (path: unknown, flags?: unknown) => facade.fds.handle(facade.io, path, flags);
  addStubs(api, UNSUPPORTED_PROMISES, "fs.promises");
  return api as FsPromisesFacade;
}

/**
 * An object shaped like `node:fs/promises` over `backend`: absolute paths are the backend's
 * root, relative ones resolve against `cwd`; errors are Node's (`code`, `errno`, `syscall`,
 * `path`).
 *
 * @param backend - any backend; a MemoryBackend gives empty directories to `readdir`
 * @param options - `cwd`
 * @example
 * ```ts
 * const fsp = createFsPromises(new MemoryBackend());
 * await fsp.mkdir("/data", { recursive: true });
 * await fsp.writeFile("/data/a.txt", "hi");
 * ```
 * @public
 */
export function createFsPromises(
  backend: Backend,
  options: CreateFsOptions = {},
): FsPromisesFacade {
  return buildPromises(new Facade(backend, options.cwd ?? "/"));
}

/**
 * An object shaped like `node:fs` over `backend`: callback and `Sync` forms (Sync needs a
 * MemoryBackend), streams, and `.promises`. A function it does not cover throws an
 * {@link FsNotSupportedError} naming it.
 *
 * @param backend - any backend
 * @param options - `cwd`
 * @example
 * ```ts
 * const fs = createFs(MemoryBackend.from({ "config.json": { debug: true } }));
 * JSON.parse(fs.readFileSync("/config.json", "utf8")); // { debug: true }
 * ```
 * @public
 */
export function createFs(backend: Backend, options: CreateFsOptions = {}): FsFacade {
  const facade = new Facade(backend, options.cwd ?? "/");
  const promises = buildPromises(facade);
  const api: Record<string, unknown> = { promises, constants: CONSTANTS, Stats, Dirent };
  for (const name of NAMES) {
    api[name] = callbackForm(name, facade.promise(name));
    api[`${name}Sync`] = facade.sync(name);
  }
  // The facade has no links, so the "native" realpath is the same normalisation.
  Object.assign(api.realpath as Fn, { native: api.realpath });
  Object.assign(api.realpathSync as Fn, { native: api.realpathSync });
  const exists = facade.promise("exists");
  api.exists = (path: unknown, callback: (found: boolean) => void) => {
    exists(path).then(
      (found: boolean) => process.nextTick(() => callback(found)),
      () => process.nextTick(() => callback(false)),
    );
  };
  api.existsSync = facade.sync("exists");
  addDescriptorForms(api, facade);
  api.createReadStream = (path: unknown, opts?: unknown) =>
    createReadStream(facade.io, facade.run, facade.path(path), streamOptions(opts), (e, s) =>
      facade.fail(e, s, String(path)),
    );
  api.createWriteStream = (path: unknown, opts?: unknown) =>
    createWriteStream(facade.io, facade.run, facade.path(path), streamOptions(opts), (e, s) =>
      facade.fail(e, s, String(path)),
    );
  addStubs(api, UNSUPPORTED_FS, "fs");
  return api as FsFacade;
}

function streamOptions(options: unknown) {
  return typeof options === "string"
    ? { encoding: options as BufferEncoding }
    : ((options ?? {}) as object);
}

/** `open`/`read`/`write`/`close`/`fstat` on the facade's descriptors. */
function addDescriptorForms(api: Record<string, unknown>, facade: Facade): void {
  const { fds, io } = facade;
  api.openSync = (path: unknown, flags?: unknown) =>
    runSync(fds.open(facade.syncIo("openSync"), path, flags)).fd;
  api.closeSync = (fd: unknown) => fds.close(fd);
  api.readSync = (fd: unknown, ...args: unknown[]) => fds.read(fd, args);
  api.writeSync = (fd: unknown, ...args: unknown[]) =>
    runSync(fds.write(facade.syncIo("writeSync"), fd, args));
  api.fstatSync = (fd: unknown) => fds.get(fd, "fstat").stat();
  api.open = callbackForm("open", async (path: unknown, flags?: unknown) => {
    try {
      return (await facade.run(fds.open(io, path, typeof flags === "function" ? undefined : flags)))
        .fd;
    } catch (err) {
      throw facade.fail(err, "open", String(path));
    }
  });
  // In the facade's queue, after the calls made before them (an unawaited write, then close).
  api.close = callbackForm("close", (fd: unknown) => facade.run(inTurn(() => fds.close(fd))));
  api.fstat = callbackForm("fstat", (fd: unknown) =>
    facade.run(inTurn(() => fds.get(fd, "fstat").stat())),
  );
  api.read = callbackForm(
    "read",
    (fd: unknown, ...args: unknown[]) => facade.run(inTurn(() => [fds.read(fd, args), args[0]])),
    true,
  );
  api.write = callbackForm(
    "write",
    async (fd: unknown, ...args: unknown[]) => [await facade.run(fds.write(io, fd, args)), args[0]],
    true,
  );
}
