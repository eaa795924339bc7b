import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BaseWriter } from "../../src/core/base-writer.js";
import { isClosed } from "../../src/core/errors.js";

/** A writer over an in-test sink: chunks named "fail" reject, later if `async`. */
class ProbeWriter extends BaseWriter {
  readonly kept: string[] = [];
  committed: string[] | undefined;
  discards = 0;
  releases = 0;
  constructor(readonly async: boolean) {
    super("probe.txt");
  }
  protected writeChunk(bytes: Uint8Array): void | Promise<void> {
    const text = new TextDecoder().decode(bytes);
    const apply = () => {
      if (text === "fail") throw new Error("sink refused");
      this.kept.push(text);
    };
    if (!this.async) return apply();
    return new Promise<void>((resolve) => setTimeout(resolve, 1)).then(apply);
  }
  protected commit(): void {
    this.committed = [...this.kept];
  }
  protected discard(): void {
    this.discards++;
    this.kept.length = 0;
  }
  releasedWith: unknown;
  protected release(failure?: unknown): void {
    this.releases++;
    this.releasedWith = failure;
  }
}

const settle = (p: Promise<unknown>) =>
  p.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe("BaseWriter", () => {
  for (const async of [false, true]) {
    const sink = async ? "an asynchronous sink" : "a synchronous sink";
    test(`an unawaited write that rejects in ${sink} fails the writer: close rejects, nothing is committed`, async () => {
      const w = new ProbeWriter(async);
      void w.write("a");
      const failed = settle(w.write("fail"));
      void w.write("b");
      const closed = await settle(w.close());
      expect(closed.ok).toBe(false);
      expect((closed as { error: Error }).error.message).toBe("sink refused");
      expect((await failed).ok).toBe(false);
      expect(w.committed).toBeUndefined();
      expect(w.releases).toBe(1);
      expect(w.releasedWith).toBe((closed as { error: Error }).error);
    });

    test(`a failed writer in ${sink} is released before anyone calls close`, async () => {
      const w = new ProbeWriter(async);
      await settle(w.write("fail"));
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(w.releases).toBe(1);
      expect(w.discards).toBe(1);
      expect(w.isOpen).toBe(false);
    });
  }

  test("abort while close waits for a pending write wins: nothing committed, close rejects WriterClosedError", async () => {
    const w = new ProbeWriter(true);
    void w.write("slow");
    const closing = settle(w.close());
    await w.abort();
    const closed = await closing;
    expect(closed.ok).toBe(false);
    expect(isClosed((closed as { error: unknown }).error)).toBe(true);
    expect(w.committed).toBeUndefined();
    expect(w.releases).toBe(1);
    expect(w.releasedWith).toBeUndefined();
  });

  test("property: whatever the calls, the writer is released once and commits only a clean, unaborted run", async () => {
    const step = fc.oneof(
      fc.constantFrom("a", "b", "fail").map((chunk) => ({ kind: "write" as const, chunk })),
      fc.constant({ kind: "bad" as const }),
      fc.constant({ kind: "close" as const }),
      fc.constant({ kind: "abort" as const }),
      fc.constant({ kind: "tick" as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(step, { maxLength: 10 }), async (async, steps) => {
        const w = new ProbeWriter(async);
        const pending: Promise<unknown>[] = [];
        const written: string[] = [];
        let failedBeforeClose = false;
        let closeCalled = false;
        let abortedBeforeClose = false;
        for (const s of steps) {
          if (s.kind === "write") {
            pending.push(settle(w.write(s.chunk)));
            if (!closeCalled && !abortedBeforeClose) {
              written.push(s.chunk);
              if (s.chunk === "fail") failedBeforeClose = true;
            }
          } else if (s.kind === "bad") {
            pending.push(settle(w.write(5 as unknown as string)));
            if (!closeCalled && !abortedBeforeClose) failedBeforeClose = true;
          } else if (s.kind === "close") {
            pending.push(settle(w.close()));
            closeCalled = true;
          } else if (s.kind === "abort") {
            pending.push(settle(w.abort()));
            if (!closeCalled) abortedBeforeClose = true;
          } else await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const last = await settle(w.close());
        await Promise.all(pending);
        await w.abort();
        expect(w.releases).toBe(1);
        if (w.committed !== undefined) {
          expect(failedBeforeClose || abortedBeforeClose).toBe(false);
          expect(w.committed).toEqual(written);
          expect(last.ok).toBe(true);
        } else expect(last.ok).toBe(false);
        if (!failedBeforeClose && !abortedBeforeClose && !closeCalled) {
          expect(w.committed).toEqual(written);
        }
      }),
      { numRuns: 300 },
    );
  });
});
