import { describe, expect, test } from "vitest";
import { isPermissionDenied, isQuotaExceeded } from "../../src/core/errors.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { rejectionOf } from "../helpers/rejection.js";

/** What `p` rejects with. */
const failure = (p: Promise<unknown>): Promise<unknown> => rejectionOf(() => p);

describe("a failed handle is a finished handle: it is not an open handle", () => {
  test("a writer whose write crossed the quota", async () => {
    const b = new MemoryBackend({ quota: 4 });
    const w = await b.newWriter("big.txt");
    expect(isQuotaExceeded(await failure(w.write("too many bytes")))).toBe(true);
    expect(b.openHandles()).toEqual([]);
    expect(isQuotaExceeded(await failure(w.close()))).toBe(true);
    expect(b.existsSync("big.txt")).toBe(false);
  });

  test("a writer whose unawaited write crossed the quota", async () => {
    const b = new MemoryBackend({ quota: 4 });
    const w = await b.newWriter("big.txt");
    void w.write("abc");
    void w.write("defgh");
    expect(b.openHandles()).toEqual([]);
    expect(isQuotaExceeded(await failure(w.close()))).toBe(true);
  });

  test("a writer whose write hit an injected fault (immediate or delayed)", async () => {
    const b = new MemoryBackend();
    b.inject({ op: "write", path: "now.txt" });
    b.inject({ op: "write", path: "later.txt", delayMs: 5, error: new Error("EIO") });
    const now = await b.newWriter("now.txt");
    const later = await b.newWriter("later.txt");
    expect(isPermissionDenied(await failure(now.write("x")))).toBe(true);
    expect(await failure(later.write("x"))).toHaveProperty("message", "EIO");
    expect(b.openHandles()).toEqual([]);
    await failure(now.close());
    await failure(later.close());
    expect(b.journal.filter((e) => e.op === "write").map((e) => e.outcome)).toEqual([
      "error",
      "error",
    ]);
  });

  test("a writer whose commit hit a fault", async () => {
    const b = new MemoryBackend();
    b.inject({ op: "close" });
    const w = await b.newWriter("a.txt");
    await w.write("a");
    expect(isPermissionDenied(await failure(w.close()))).toBe(true);
    expect(b.openHandles()).toEqual([]);
  });

  test("a reader whose read failed inside for await", async () => {
    const b = MemoryBackend.from({ "a.txt": "abc" });
    b.inject({ op: "read", path: "a.txt" });
    const r = await b.newReader("a.txt");
    const err = await failure(
      (async () => {
        for await (const _ of r) {
          // never reached: the first read fails
        }
      })(),
    );
    expect(isPermissionDenied(err)).toBe(true);
    expect(b.openHandles()).toEqual([]);
  });

  test("a reader whose delayed read failed", async () => {
    const b = MemoryBackend.from({ "a.txt": "abc" });
    b.inject({ op: "read", delayMs: 5, error: new Error("slow EIO") });
    const r = await b.newReader("a.txt");
    expect(await failure(r.read())).toHaveProperty("message", "slow EIO");
    expect(b.openHandles()).toEqual([]);
  });

  test("a reader whose signal aborted inside for await, before or between reads", async () => {
    const b = MemoryBackend.from({ "a.txt": "abc", "big.bin": new Uint8Array(100_000) });
    const early = new AbortController();
    const r1 = await b.newReader("a.txt", { signal: early.signal });
    early.abort(new Error("stop"));
    expect(await failure(r1.read())).toHaveProperty("message", "stop");
    expect(b.openHandles()).toEqual([]);

    const mid = new AbortController();
    const r2 = await b.newReader("big.bin", { signal: mid.signal });
    const err = await failure(
      (async () => {
        for await (const _ of r2) mid.abort(new Error("mid"));
      })(),
    );
    expect(err).toHaveProperty("message", "mid");
    expect(b.openHandles()).toEqual([]);
  });

  test("a writer given a chunk that is not bytes: not open, journaled with its TypeError, nothing stored", async () => {
    const b = new MemoryBackend();
    const w = await b.newWriter("bad.txt");
    void w.write("ab");
    const err = await failure(w.write(123 as unknown as string));
    expect(err).toBeInstanceOf(TypeError);
    expect(b.openHandles()).toEqual([]);
    expect(await failure(w.close())).toBe(err);
    expect(b.existsSync("bad.txt")).toBe(false);
    expect(b.journal.filter((e) => e.op === "write")).toEqual([
      { op: "write", path: "bad.txt", bytes: 2, outcome: "error", error: "TypeError" },
    ]);
  });
});
