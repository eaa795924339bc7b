import { nodeBuiltin } from "../core/node-builtins.js";
import { bytesOf, optionsOf, output } from "./data.js";
import { absoluteOf, type FsPath, resolveFsPath } from "./fs-paths.js";
import type { Io, Step } from "./io.js";
import { existing } from "./lookup.js";
import { type CpOptions, copyFile, cp, rename } from "./move-ops.js";
import { isFsError, throwIfAborted, toFsError } from "./node-errors.js";
import { access, exists, type ReaddirOptions, readBytes, readdir, statOf } from "./read-ops.js";
import { mkdir, openMode, rm, rmdir, unlink, writeBytes } from "./write-ops.js";

/** What every call of one facade shares. */
export interface FsContext {
  /** Resolves a path argument against the facade's cwd. */
  path(arg: unknown, name?: string): FsPath;
}

/** One path operation, written once for the promise, callback and Sync forms. */
export interface Operation {
  /** The syscall Node names in errors the backend raises (faults, quota). */
  readonly syscall: string;
  /** Where its options (with Node's `signal`) are among the arguments, when it takes one. */
  readonly optionsAt?: number;
  run(ctx: FsContext, io: Io, args: unknown[]): Step<unknown>;
}

const COPYFILE_EXCL = 1;

/** The path operations, by their `node:fs/promises` name. */
export const OPERATIONS: Record<string, Operation> = {
  readFile: {
    syscall: "open",
    optionsAt: 1,
    *run(ctx, io, [path, options]) {
      const { encoding } = optionsOf(options);
      return output(yield* readBytes(io, ctx.path(path)), encoding);
    },
  },
  writeFile: {
    syscall: "open",
    optionsAt: 2,
    *run(ctx, io, [path, data, options]) {
      const o = optionsOf(options);
      yield* writeBytes(io, ctx.path(path), bytesOf(data, o.encoding), openMode(o.flag, "w"));
    },
  },
  appendFile: {
    syscall: "open",
    optionsAt: 2,
    *run(ctx, io, [path, data, options]) {
      const o = optionsOf(options);
      yield* writeBytes(io, ctx.path(path), bytesOf(data, o.encoding), openMode(o.flag, "a"));
    },
  },
  mkdir: {
    syscall: "mkdir",
    *run(ctx, io, [path, options]) {
      const recursive = typeof options === "object" && options !== null && "recursive" in options;
      return yield* mkdir(
        io,
        ctx.path(path),
        recursive && (options as { recursive?: boolean }).recursive === true,
      );
    },
  },
  readdir: {
    syscall: "scandir",
    *run(ctx, io, [path, options]) {
      const o = optionsOf(options) as ReaddirOptions;
      return yield* readdir(io, ctx.path(path), o);
    },
  },
  stat: {
    syscall: "stat",
    *run(ctx, io, [path, options]) {
      const o = optionsOf(options);
      return yield* statOf(io, ctx.path(path), "stat", o.throwIfNoEntry !== false);
    },
  },
  lstat: {
    syscall: "lstat",
    *run(ctx, io, [path, options]) {
      const o = optionsOf(options);
      return yield* statOf(io, ctx.path(path), "lstat", o.throwIfNoEntry !== false);
    },
  },
  access: {
    syscall: "access",
    *run(ctx, io, [path]) {
      yield* access(io, ctx.path(path));
    },
  },
  exists: {
    syscall: "access",
    *run(ctx, io, [path]) {
      let p: FsPath;
      try {
        p = ctx.path(path);
      } catch {
        return false;
      }
      return yield* exists(io, p);
    },
  },
  unlink: {
    syscall: "unlink",
    *run(ctx, io, [path]) {
      yield* unlink(io, ctx.path(path));
    },
  },
  rmdir: {
    syscall: "rmdir",
    *run(ctx, io, [path, options]) {
      yield* rmdir(
        io,
        ctx.path(path),
        (options as { recursive?: boolean } | undefined)?.recursive === true,
      );
    },
  },
  rm: {
    syscall: "rm",
    *run(ctx, io, [path, options]) {
      const o = (options ?? {}) as { recursive?: boolean; force?: boolean };
      yield* rm(io, ctx.path(path), o.recursive === true, o.force === true);
    },
  },
  rename: {
    syscall: "rename",
    *run(ctx, io, [from, to]) {
      yield* rename(io, ctx.path(from, "oldPath"), ctx.path(to, "newPath"));
    },
  },
  copyFile: {
    syscall: "copyfile",
    *run(ctx, io, [src, dst, mode]) {
      const exclusive = typeof mode === "number" && (mode & COPYFILE_EXCL) !== 0;
      yield* copyFile(io, ctx.path(src, "src"), ctx.path(dst, "dest"), exclusive);
    },
  },
  cp: {
    syscall: "cp",
    *run(ctx, io, [src, dst, options]) {
      yield* cp(io, ctx.path(src, "src"), ctx.path(dst, "dest"), (options ?? {}) as CpOptions);
    },
  },
  realpath: {
    syscall: "realpath",
    *run(ctx, io, [path, options]) {
      // realpath("") is the cwd to Node, though every other call finds nothing there.
      const p = ctx.path(path === "" ? "." : path);
      yield* existing(io, p, "realpath");
      const { encoding } = optionsOf(options);
      const real = absoluteOf(p.key);
      return (encoding as string) === "buffer" ? Buffer.from(real) : real;
    },
  },
  mkdtemp: {
    syscall: "mkdtemp",
    *run(ctx, io, [prefix]) {
      if (typeof prefix !== "string") ctx.path(prefix, "prefix");
      const name = `${prefix as string}${nodeBuiltin("node:crypto").randomBytes(4).toString("hex").slice(0, 6)}`;
      yield* mkdir(io, ctx.path(name, "prefix"), false);
      return name;
    },
  },
};

/** Runs `operation` and turns what the backend threw into the error a disk would give. */
export function* guarded(
  operation: Operation,
  ctx: FsContext,
  io: Io,
  args: unknown[],
): Step<unknown> {
  try {
    return yield* operation.run(ctx, io, args);
  } catch (err) {
    if (isFsError(err) || isArgumentError(err)) throw err;
    throw toFsError(err, operation.syscall, pathGiven(args[0]));
  }
}

/**
 * An async call of `operation`: it honours Node's `signal` option when its turn comes (so a
 * signal aborted while it waits behind earlier calls stops it); Sync forms ignore it, as Node's do.
 */
export function* abortable(operation: Operation, args: unknown[], step: Step<unknown>) {
  if (operation.optionsAt !== undefined) throwIfAborted(args[operation.optionsAt]);
  return yield* step;
}

/** Node's argument errors (`ERR_INVALID_ARG_TYPE` …) and the facade's own pass unchanged. */
function isArgumentError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    (typeof code === "string" && code.startsWith("ERR_")) ||
    (err as Error | null)?.name === "FsNotSupportedError"
  );
}

function pathGiven(arg: unknown): string | undefined {
  try {
    return resolveFsPath("/", arg).given;
  } catch {
    return undefined;
  }
}
