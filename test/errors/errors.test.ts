import { beforeAll, describe, expect, test } from "vitest";
import * as api from "../../src/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { type Builds, loadBuilds } from "./builds.js";

const {
  AlreadyExistsError,
  BackendClosedError,
  InvalidPathError,
  IsADirectoryError,
  NotADirectoryError,
  NotEmptyError,
  NotFoundError,
  NotSupportedError,
  PermissionDeniedError,
  QuotaExceededError,
  ReaderClosedError,
  StorageError,
  UnknownBackendError,
  WriterClosedError,
} = api;

type Guard = (err: unknown) => boolean;

/** Every error class with its code, its guard, and a real operation that throws it. */
const classes: readonly {
  name: string;
  code: api.StorageErrorCode;
  guard: Guard;
  make: (op: string, path: string, options?: api.StorageErrorOptions) => api.StorageError;
  /** A call on a MemoryBackend that rejects with it, and the op and path the error names. */
  real: () => Promise<unknown>;
  op: string;
  path: string;
}[] = [
  {
    name: "NotFoundError",
    code: "ENOENT",
    guard: api.isNotFound,
    make: (o, p, x) => new NotFoundError(o, p, x),
    real: () => new MemoryBackend().newReader("/missing//file.txt"),
    op: "newReader",
    path: "missing/file.txt",
  },
  {
    name: "AlreadyExistsError",
    code: "EEXIST",
    guard: api.isAlreadyExists,
    make: (o, p, x) => new AlreadyExistsError(o, p, x),
    real: () => MemoryBackend.from({ "a.txt": "x" }).mkdir("a.txt"),
    op: "mkdir",
    path: "a.txt",
  },
  {
    name: "PermissionDeniedError",
    code: "EACCES",
    guard: api.isPermissionDenied,
    make: (o, p, x) => new PermissionDeniedError(o, p, x),
    real: () => {
      const b = MemoryBackend.from({ "a.txt": "x" });
      b.inject({ op: "delete" });
      return b.delete("a.txt");
    },
    op: "delete",
    path: "a.txt",
  },
  {
    name: "NotEmptyError",
    code: "ENOTEMPTY",
    guard: api.isNotEmpty,
    make: (o, p, x) => new NotEmptyError(o, p, x),
    real: () => MemoryBackend.from({ "d/a.txt": "x" }).rmdir("d"),
    op: "rmdir",
    path: "d",
  },
  {
    name: "IsADirectoryError",
    code: "EISDIR",
    guard: api.isADirectory,
    make: (o, p, x) => new IsADirectoryError(o, p, x),
    real: () => MemoryBackend.from({ "d/a.txt": "x" }).delete("d"),
    op: "delete",
    path: "d",
  },
  {
    name: "NotADirectoryError",
    code: "ENOTDIR",
    guard: api.isNotADirectory,
    make: (o, p, x) => new NotADirectoryError(o, p, x),
    real: () => MemoryBackend.from({ "a.txt": "x" }).rmdir("a.txt"),
    op: "rmdir",
    path: "a.txt",
  },
  {
    name: "InvalidPathError",
    code: "EINVAL",
    guard: api.isInvalidPath,
    make: (o, p, x) => new InvalidPathError(o, p, x),
    real: () => new MemoryBackend().stat("a/../b"),
    op: "stat",
    path: "a/../b",
  },
  {
    name: "NotSupportedError",
    code: "ENOTSUP",
    guard: api.isNotSupported,
    make: (o, p, x) => new NotSupportedError(o, p, x),
    real: () => MemoryBackend.from({ "a.txt": "x" }).hash("a.txt", "crc32" as "md5"),
    op: "hash",
    path: "a.txt",
  },
  {
    name: "QuotaExceededError",
    code: "ENOSPC",
    guard: api.isQuotaExceeded,
    make: (o, p, x) => new QuotaExceededError(o, p, x),
    real: () => api.writeFile(new MemoryBackend({ quota: 2 }), "big.txt", "abc"),
    op: "write",
    path: "big.txt",
  },
  {
    name: "BackendClosedError",
    code: "ERR_BACKEND_CLOSED",
    guard: api.isClosed,
    make: (o, p, x) => new BackendClosedError(o, p, x),
    real: async () => {
      const b = new MemoryBackend();
      await b.close();
      return b.exists("a.txt");
    },
    op: "exists",
    path: "a.txt",
  },
  {
    name: "WriterClosedError",
    code: "ERR_WRITER_CLOSED",
    guard: api.isClosed,
    make: (o, p, x) => new WriterClosedError(o, p, x),
    real: async () => {
      const w = await new MemoryBackend().newWriter("out.txt");
      await w.close();
      return w.write("late");
    },
    op: "write",
    path: "out.txt",
  },
  {
    name: "ReaderClosedError",
    code: "ERR_READER_CLOSED",
    guard: api.isClosed,
    make: (o, p, x) => new ReaderClosedError(o, p, x),
    real: async () => {
      const r = await MemoryBackend.from({ "in.txt": "x" }).newReader("in.txt");
      await r.close();
      return r.read();
    },
    op: "read",
    path: "in.txt",
  },
  {
    name: "UnknownBackendError",
    code: "ERR_UNKNOWN_BACKEND",
    guard: api.isUnknownBackend,
    make: (_o, p, x) => new UnknownBackendError(p, ["memory"], x),
    real: () => api.open("no-such-backend"),
    op: "open",
    path: "no-such-backend",
  },
];

const guards: Record<string, Guard> = {
  isNotFound: api.isNotFound,
  isAlreadyExists: api.isAlreadyExists,
  isPermissionDenied: api.isPermissionDenied,
  isNotEmpty: api.isNotEmpty,
  isADirectory: api.isADirectory,
  isNotADirectory: api.isNotADirectory,
  isInvalidPath: api.isInvalidPath,
  isNotSupported: api.isNotSupported,
  isQuotaExceeded: api.isQuotaExceeded,
  isClosed: api.isClosed,
  isUnknownBackend: api.isUnknownBackend,
};

const rejection = (call: () => Promise<unknown>): Promise<unknown> =>
  call().then(
    () => {
      throw new Error("expected a rejection");
    },
    (err: unknown) => err,
  );

describe("error classes", () => {
  test("every class and guard is exported from omnistorage by name", () => {
    for (const c of classes) expect(api, c.name).toHaveProperty(c.name);
    for (const name of [...Object.keys(guards), "isStorageError"]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe("function");
    }
    expect(typeof StorageError).toBe("function");
  });

  test.each(classes.map((c) => [c.name, c] as const))(
    "%s carries code, op, path, its own name and a message naming the op and the path",
    (name, c) => {
      const err = c.make("copy", "some/where.txt");
      expect(err).toBeInstanceOf(StorageError);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe(name);
      expect(err.code).toBe(c.code);
      expect(err.op).toBe(c.name === "UnknownBackendError" ? "open" : "copy");
      expect(err.path).toBe("some/where.txt");
      expect(err.message).toContain(err.op);
      expect(err.message).toContain(JSON.stringify("some/where.txt"));
      expect(err.cause).toBeUndefined();
      expect(api.isStorageError(err)).toBe(true);
      expect(api.isStorageError(err, c.code)).toBe(true);
      expect(c.guard(err)).toBe(true);
    },
  );

  test.each(classes.map((c) => [c.name, c] as const))(
    "%s keeps the underlying error as cause",
    (_name, c) => {
      const io = Object.assign(new Error("EIO: disk said no"), { code: "EIO" });
      expect(c.make("read", "x", { cause: io }).cause).toBe(io);
    },
  );

  test("each guard accepts its own class only (isClosed takes the three closed errors)", () => {
    for (const c of classes) {
      const err = c.make("stat", "p");
      for (const [guardName, guard] of Object.entries(guards)) {
        expect(guard(err), `${guardName}(${c.name})`).toBe(guard === c.guard);
      }
    }
  });

  test("guards reject look-alikes: plain errors, a borrowed code, null and primitives", () => {
    const fake = Object.assign(new Error("ENOENT"), { code: "ENOENT", op: "stat", path: "x" });
    for (const value of [fake, null, undefined, "ENOENT", 2, { code: "ENOENT" }]) {
      expect(api.isStorageError(value)).toBe(false);
      expect(api.isNotFound(value)).toBe(false);
    }
  });

  test.each(classes.map((c) => [c.name, c] as const))(
    "%s is what the real operation rejects with, naming its op and normalised path",
    async (name, c) => {
      const err = (await rejection(c.real)) as api.StorageError;
      expect(err.name).toBe(name);
      expect(c.guard(err)).toBe(true);
      expect({ code: err.code, op: err.op, path: err.path }).toEqual({
        code: c.code,
        op: c.op,
        path: c.path,
      });
      expect(err.message).toContain(c.op);
      expect(err.message).toContain(JSON.stringify(c.path));
    },
  );
});

describe("across the ESM and CommonJS builds, and across vm realms", () => {
  let builds: Builds;
  beforeAll(async () => {
    builds = await loadBuilds();
  }, 60_000);

  test("the two builds are distinct copies (so instanceof alone could not tell)", () => {
    expect(builds.esm.core.NotFoundError).not.toBe(builds.cjs.core.NotFoundError);
    expect(new builds.cjs.core.NotFoundError("stat", "x")).not.toBeInstanceOf(
      builds.esm.core.NotFoundError,
    );
  });

  test("an error thrown by the CommonJS build passes the guards imported from the ESM build", async () => {
    const b = new builds.cjs.memory.MemoryBackend();
    const err = await rejection(() => b.newReader("missing.txt"));
    expect(err).toBeInstanceOf(builds.cjs.core.NotFoundError);
    expect(builds.esm.core.isNotFound(err)).toBe(true);
    expect(builds.esm.core.isStorageError(err, "ENOENT")).toBe(true);
    expect(api.isNotFound(err)).toBe(true);
    expect(builds.esm.core.isQuotaExceeded(err)).toBe(false);
  });

  test("an error thrown by the ESM build passes the guards required from the CommonJS build", async () => {
    const b = new builds.esm.memory.MemoryBackend({ quota: 1 });
    const err = await rejection(() => builds.esm.core.writeFile(b, "a.txt", "too big"));
    expect(err).toBeInstanceOf(builds.esm.core.QuotaExceededError);
    expect(builds.cjs.core.isQuotaExceeded(err)).toBe(true);
    expect(builds.cjs.core.isStorageError(err)).toBe(true);
    expect(builds.cjs.core.isNotFound(err)).toBe(false);
    await b.close();
    const closed = await rejection(() => b.list());
    expect(builds.cjs.core.isClosed(closed)).toBe(true);
  });

  test("every class of either build passes the other build's guard for its code", () => {
    for (const [from, to] of [
      [builds.cjs.core, builds.esm.core],
      [builds.esm.core, builds.cjs.core],
    ] as const) {
      for (const c of classes) {
        const Class = from[c.name as keyof typeof from] as unknown as new (
          ...args: unknown[]
        ) => api.StorageError;
        const err = c.name === "UnknownBackendError" ? new Class("x", []) : new Class("stat", "x");
        expect(to.isStorageError(err, c.code), c.name).toBe(true);
      }
    }
  });

  test("an error made in another vm realm passes the guards, though instanceof cannot see it", () => {
    const Foreign = builds.cjsCoreInNewRealm().NotADirectoryError;
    const err = new Foreign("mkdir", "a.txt/b");
    expect(err instanceof Error).toBe(false);
    expect(api.isNotADirectory(err)).toBe(true);
    expect(api.isStorageError(err, "ENOTDIR")).toBe(true);
    expect({ op: err.op, path: err.path, code: err.code }).toEqual({
      op: "mkdir",
      path: "a.txt/b",
      code: "ENOTDIR",
    });
  });
});
