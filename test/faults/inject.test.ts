import { afterEach, describe, expect, test, vi } from "vitest";
import {
  isClosed,
  isPermissionDenied,
  isStorageError,
  PermissionDeniedError,
  type StorageError,
} from "../../src/core/errors.js";
import { copyPath, readAll, readText, writeFile } from "../../src/core/helpers.js";
import type { FaultOp } from "../../src/memory/faults.js";
import { MemoryBackend } from "../../src/memory/index.js";

/** Settles a promise into its error (or `undefined` when it resolved). */
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

const seed = () =>
  MemoryBackend.from({ "a.txt": "alpha", "dir/b.txt": "bravo", "dir/sub/c.txt": "charlie" });

/** One call per operation name, each on `path` (and `to` for copy and move). */
const calls: Record<FaultOp, (b: MemoryBackend, path: string) => Promise<unknown>> = {
  newWriter: (b, p) => b.newWriter(p),
  newReader: (b, p) => b.newReader(p),
  exists: (b, p) => b.exists(p),
  delete: (b, p) => b.delete(p),
  list: (b, p) => b.list(p),
  stat: (b, p) => b.stat(p),
  hash: (b, p) => b.hash(p, "sha256"),
  mkdir: (b, p) => b.mkdir(`${p}.d`),
  rmdir: (b, p) => b.rmdir(p, { recursive: true }),
  copy: (b, p) => b.copy(p, "copied.txt"),
  move: (b, p) => b.move(p, "moved.txt"),
  write: async (b, p) => {
    const w = await b.newWriter(p);
    try {
      await w.write("x");
    } finally {
      await w.abort();
    }
  },
  close: (b, p) => writeFile(b, p, "new"),
  read: (b, p) => readText(b, p),
};

/** The path each operation reports for a call on `a.txt`. */
const reported: Partial<Record<FaultOp, string>> = { mkdir: "a.txt.d" };

afterEach(() => {
  vi.useRealTimers();
});

describe("inject: failing an operation", () => {
  test.each(Object.keys(calls) as FaultOp[])(
    "%s fails with a PermissionDeniedError naming the operation and the path by default, and changes nothing",
    async (op) => {
      const b = seed();
      const path = op === "rmdir" ? "dir" : "a.txt";
      b.inject({ op });
      const before = b.toJSON();
      const err = await failure(calls[op](b, path));
      expect(err).toBeInstanceOf(PermissionDeniedError);
      expect(isPermissionDenied(err)).toBe(true);
      const e = err as PermissionDeniedError;
      const at = op === "rmdir" ? "dir" : (reported[op] ?? path);
      expect({ code: e.code, op: e.op, path: e.path }).toEqual({ code: "EACCES", op, path: at });
      expect(e.message).toContain(op);
      expect(e.message).toContain(JSON.stringify(at));
      expect(b.toJSON()).toEqual(before);
    },
  );

  test("the same operation on another path is unaffected", async () => {
    const b = seed();
    b.inject({ op: "newReader", path: "a.txt" });
    expect(await readText(b, "dir/b.txt")).toBe("bravo");
    expect(isPermissionDenied(await failure(readText(b, "a.txt")))).toBe(true);
  });

  test('op "*" fails every operation on the path', async () => {
    const b = seed();
    b.inject({ op: "*", path: "a.txt" });
    for (const op of ["exists", "stat", "newReader", "delete", "hash"] as const) {
      expect(isPermissionDenied(await failure(calls[op](b, "a.txt")))).toBe(true);
    }
    expect(await b.exists("dir/b.txt")).toBe(true);
  });

  test("an Error instance is thrown as it is", async () => {
    const b = seed();
    const boom = new Error("disk on fire");
    b.inject({ op: "stat", error: boom });
    expect(await failure(b.stat("a.txt"))).toBe(boom);
  });

  test("an error factory receives the call (op, path and a copy's destination)", async () => {
    const b = seed();
    const seen: unknown[] = [];
    b.inject({
      op: "copy",
      error: (call) => {
        seen.push(call);
        return new Error(`no ${call.op}`);
      },
    });
    const err = await failure(b.copy("/a.txt", "x//y.txt"));
    expect((err as Error).message).toBe("no copy");
    expect(seen).toEqual([{ op: "copy", path: "a.txt", dst: "x/y.txt" }]);
    expect(b.existsSync("x")).toBe(false);
  });

  test("times limits how many calls fail, then the fault removes itself", async () => {
    const b = seed();
    b.inject({ op: "exists", times: 2 });
    expect(isPermissionDenied(await failure(b.exists("a.txt")))).toBe(true);
    expect(isPermissionDenied(await failure(b.exists("a.txt")))).toBe(true);
    expect(await b.exists("a.txt")).toBe(true);
    expect(await b.exists("a.txt")).toBe(true);
  });

  test("remove() and disposal take the fault away", async () => {
    const b = seed();
    const handle = b.inject({ op: "exists" });
    expect(isPermissionDenied(await failure(b.exists("a.txt")))).toBe(true);
    handle.remove();
    handle.remove();
    expect(await b.exists("a.txt")).toBe(true);
    {
      using _fault = b.inject({ op: "exists" });
      expect(isPermissionDenied(await failure(b.exists("a.txt")))).toBe(true);
    }
    expect(await b.exists("a.txt")).toBe(true);
  });

  test("clearFaults removes every fault", async () => {
    const b = seed();
    b.inject({ op: "exists" });
    b.inject({ op: "stat" });
    b.clearFaults();
    expect(await b.exists("a.txt")).toBe(true);
    expect((await b.stat("a.txt")).size).toBe(5);
  });

  test("after lets that many matching calls through first", async () => {
    const b = seed();
    b.inject({ op: "exists", after: 2, times: 1 });
    expect(await b.exists("a.txt")).toBe(true);
    expect(await b.exists("a.txt")).toBe(true);
    expect(isPermissionDenied(await failure(b.exists("a.txt")))).toBe(true);
    expect(await b.exists("a.txt")).toBe(true);
  });

  test("faults are checked in the order they were added; the first failing one wins", async () => {
    const b = seed();
    const first = new Error("first");
    b.inject({ op: "stat", error: first, times: 1 });
    b.inject({ op: "stat", error: new Error("second"), times: 1 });
    expect(await failure(b.stat("a.txt"))).toBe(first);
    expect((await failure(b.stat("a.txt"))) as Error).toHaveProperty("message", "second");
    expect((await b.stat("a.txt")).size).toBe(5);
  });

  test("a bad path is still an InvalidPathError, not the fault", async () => {
    const b = seed();
    b.inject({ op: "*" });
    const err = await failure(b.stat("../etc/passwd"));
    expect(isStorageError(err, "EINVAL")).toBe(true);
  });
});

describe("inject: which paths match", () => {
  const hits = async (b: MemoryBackend, paths: string[]) => {
    const out: string[] = [];
    for (const p of paths) if (await failure(b.exists(p))) out.push(p);
    return out;
  };
  const paths = ["a.txt", "dir/b.txt", "dir/sub/c.txt", "dir", "other/b.txt", "a.txt.bak"];

  test("an exact path is normalised before matching and matches nothing else", async () => {
    const b = seed();
    b.inject({ op: "exists", path: "/dir//b.txt/" });
    expect(await hits(b, paths)).toEqual(["dir/b.txt"]);
  });

  test("a glob's * stays within one segment", async () => {
    const b = seed();
    b.inject({ op: "exists", path: "dir/*.txt" });
    expect(await hits(b, paths)).toEqual(["dir/b.txt"]);
  });

  test("a glob's ** crosses segments", async () => {
    const b = seed();
    b.inject({ op: "exists", path: "dir/**" });
    expect(await hits(b, paths)).toEqual(["dir/b.txt", "dir/sub/c.txt", "dir"]);
  });

  test("**/name matches the name at any depth", async () => {
    const b = seed();
    b.inject({ op: "exists", path: "**/b.txt" });
    expect(await hits(b, paths)).toEqual(["dir/b.txt", "other/b.txt"]);
  });

  test("a RegExp is tested against the normalised path (global flags do not carry state)", async () => {
    const b = seed();
    b.inject({ op: "exists", path: /\.txt$/g });
    expect(await hits(b, paths)).toEqual(["a.txt", "dir/b.txt", "dir/sub/c.txt", "other/b.txt"]);
  });

  test("a copy or move matches on its destination as well as its source", async () => {
    const b = seed();
    b.inject({ op: "*", path: "locked/**" });
    expect(isPermissionDenied(await failure(b.copy("a.txt", "locked/a.txt")))).toBe(true);
    expect(isPermissionDenied(await failure(b.move("a.txt", "locked/a.txt")))).toBe(true);
    await b.copy("a.txt", "free/a.txt");
    expect(b.toJSON()).toEqual({ ...seed().toJSON(), "free/a.txt": "alpha" });
  });
});

describe("inject: bad specs", () => {
  test.each([
    [{ op: "nope" }],
    [{ op: "read", times: 0 }],
    [{ op: "read", times: 1.5 }],
    [{ op: "read", delayMs: -1 }],
    [{ op: "read", after: -1 }],
    [{ op: "read", error: "not an error" }],
    [{ op: "read", path: 42 }],
  ])("%j throws a TypeError", (spec) => {
    const b = new MemoryBackend();
    expect(() => b.inject(spec as never)).toThrow(TypeError);
  });
});

describe("inject: delays", () => {
  test("a pure delay holds the call for delayMs, then lets it go on", async () => {
    vi.useFakeTimers();
    const b = seed();
    b.inject({ op: "newReader", delayMs: 1000 });
    let settled = false;
    const text = readText(b, "a.txt").finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await text).toBe("alpha");
  });

  test("a delay with an error waits, then fails", async () => {
    vi.useFakeTimers();
    const b = seed();
    const boom = new Error("late failure");
    b.inject({ op: "delete", delayMs: 500, error: boom });
    let outcome: unknown = "pending";
    const call = failure(b.delete("a.txt")).then((e) => {
      outcome = e;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(outcome).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(outcome).toBe(boom);
    expect(b.existsSync("a.txt")).toBe(true);
  });

  test("the call's signal cuts a delay short; the call rejects with its reason and changes nothing", async () => {
    const b = seed();
    b.inject({ op: "mkdir", delayMs: 60_000 });
    const controller = new AbortController();
    const call = failure(b.mkdir("new/dir", { signal: controller.signal }));
    const reason = new Error("user gave up");
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(b.existsSync("new")).toBe(false);
  });

  test("a writer's signal cuts a delayed write short and the writer stores nothing", async () => {
    const b = seed();
    b.inject({ op: "write", delayMs: 60_000 });
    const controller = new AbortController();
    const w = await b.newWriter("slow/file.txt", { signal: controller.signal });
    const write = failure(w.write("data"));
    controller.abort(new Error("stop"));
    expect(await write).toHaveProperty("message", "stop");
    expect(isStorageError(await failure(w.close()), "ERR_WRITER_CLOSED")).toBe(true);
    expect(b.existsSync("slow")).toBe(false);
  });

  test("a delayed call sees the store as it is after the wait", async () => {
    vi.useFakeTimers();
    const b = seed();
    b.inject({ op: "exists", delayMs: 100, times: 1 });
    const found = b.exists("late.txt");
    await writeFile(b, "late.txt", "here now");
    await vi.advanceTimersByTimeAsync(100);
    expect(await found).toBe(true);
  });

  test("a backend closed during a delay rejects the call with BackendClosedError", async () => {
    vi.useFakeTimers();
    const b = seed();
    b.inject({ op: "stat", delayMs: 100 });
    const call = failure(b.stat("a.txt"));
    await b.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(isStorageError(await call, "ERR_BACKEND_CLOSED")).toBe(true);
  });
});

describe("inject: writers and readers", () => {
  test("a failure injected into close leaves the old content intact and no new directories", async () => {
    const b = seed();
    b.inject({ op: "close" });
    const err = await failure(writeFile(b, "a.txt", "replaced"));
    expect(isPermissionDenied(err)).toBe(true);
    expect((err as StorageError).op).toBe("close");
    const err2 = await failure(writeFile(b, "new/deep/file.txt", "x"));
    expect(isPermissionDenied(err2)).toBe(true);
    expect(b.toJSON()).toEqual(seed().toJSON());
  });

  test("a failure injected into a later write fails the writer: close rejects with it and nothing is stored", async () => {
    const b = seed();
    const w = await b.newWriter("a.txt");
    await w.write("one ");
    using _fault = b.inject({ op: "write", path: "a.txt", times: 1 });
    expect(isPermissionDenied(await failure(w.write("two ")))).toBe(true);
    expect(isPermissionDenied(await failure(w.write("three")))).toBe(true);
    expect(isPermissionDenied(await failure(w.close()))).toBe(true);
    expect(b.toJSON()).toEqual(seed().toJSON());
    expect(b.openHandles()).toEqual([]);
  });

  test("an unawaited failing write surfaces at close, never as an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const b = seed();
      b.inject({ op: "write", times: 1, error: new Error("lost chunk") });
      const w = await b.newWriter("out.txt");
      void w.write("never awaited");
      void w.write("nor this");
      expect(await failure(w.close())).toHaveProperty("message", "lost chunk");
      // Give any stray rejection the turns it needs to be reported.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(b.existsSync("out.txt")).toBe(false);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("a read fault mid-stream rejects that chunk and closes the reader; the stored file is intact", async () => {
    const b = seed();
    const w = await b.newWriter("big.bin");
    for (let i = 0; i < 3; i++) await w.write(new Uint8Array(4).fill(i));
    await w.close();
    const r = await b.newReader("big.bin");
    expect([...((await r.read()) as Uint8Array)]).toEqual([0, 0, 0, 0]);
    b.inject({ op: "read", path: "big.bin", times: 1 });
    const err = await failure(r.read());
    expect(isPermissionDenied(err)).toBe(true);
    expect((err as StorageError).op).toBe("read");
    // SPEC: a reader whose read fails is closed; it holds nothing and is no open handle.
    expect(b.openHandles()).toEqual([]);
    expect(isClosed(await failure(r.read()))).toBe(true);
    expect([...(await readAll(await b.newReader("big.bin", { offset: 4 })))]).toEqual([
      1, 1, 1, 1, 2, 2, 2, 2,
    ]);
    expect(b.readSync("big.bin")).toHaveLength(12);
  });

  test("a copy whose source read fails mid-stream leaves the destination's old content intact", async () => {
    const src = new MemoryBackend();
    const w = await src.newWriter("data.bin");
    for (let i = 0; i < 4; i++) await w.write(new Uint8Array(8).fill(i));
    await w.close();
    const dst = MemoryBackend.from({ "data.bin": "old content" });
    src.inject({ op: "read", after: 1, error: new Error("cable pulled") });
    const err = await failure(copyPath(src, "data.bin", dst, "data.bin"));
    expect(err).toHaveProperty("message", "cable pulled");
    expect(dst.toJSON()).toEqual({ "data.bin": "old content" });
    expect(dst.openHandles()).toEqual([]);
  });

  test("a reader's signal cuts a delayed chunk short", async () => {
    const b = seed();
    b.inject({ op: "read", delayMs: 60_000 });
    const controller = new AbortController();
    const r = await b.newReader("a.txt", { signal: controller.signal });
    const chunk = failure(r.read());
    controller.abort(new Error("enough"));
    expect(await chunk).toHaveProperty("message", "enough");
    await r.close();
  });
});
