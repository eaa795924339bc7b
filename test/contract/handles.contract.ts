import { type Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, test } from "vitest";
import { isClosed } from "../../src/core/errors.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { put, text } from "./harness.js";

/** Open handles, where the backend reports them (memory and file both do). */
export function openHandles(b: ExtendedBackend): unknown[] {
  const withHandles = b as ExtendedBackend & { openHandles?: () => unknown[] };
  return withHandles.openHandles?.() ?? [];
}

/** Waits for the stream's `close` event; an `error` event is expected and swallowed. */
const settled = (stream: Writable | Readable): Promise<void> =>
  new Promise((resolve) => {
    stream.on("error", () => undefined);
    stream.once("close", () => resolve());
  });

/** SPEC "Backend": a failed handle is a finished handle. */
export function handlesContract(backend: () => ExtendedBackend): void {
  describe("a failed handle is a finished handle", () => {
    test("a reader whose signal aborts inside for await is closed and no open handle", async () => {
      const b = backend();
      await put(b, "big.bin", new Uint8Array(300_000));
      const controller = new AbortController();
      const reader = await b.newReader("big.bin", { signal: controller.signal });
      const reason = new Error("enough");
      const err = await (async () => {
        for await (const _chunk of reader) controller.abort(reason);
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBe(reason);
      expect(openHandles(b)).toEqual([]);
      expect(isClosed(await reader.read().catch((e: unknown) => e))).toBe(true);
    });

    test("a reader whose signal aborted before the first read is closed by that read", async () => {
      const b = backend();
      await put(b, "f.txt", "content");
      const controller = new AbortController();
      const reader = await b.newReader("f.txt", { signal: controller.signal });
      controller.abort(new Error("stop"));
      await expect(reader.read()).rejects.toThrow("stop");
      expect(openHandles(b)).toEqual([]);
    });

    test("a reader whose signal aborts while nobody reads is closed at once and no open handle", async () => {
      const b = backend();
      await put(b, "idle.txt", "content");
      const controller = new AbortController();
      const reader = await b.newReader("idle.txt", { signal: controller.signal });
      const reason = new Error("cancelled");
      controller.abort(reason);
      // No read follows: a cancelled consumer that never reads again must not leak the reader.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(openHandles(b)).toEqual([]);
      await expect(reader.read()).rejects.toBe(reason);
      await expect(reader.read()).rejects.toThrow(/closed/);
    });

    test("a reader's Readable that fails on an aborted signal closes the reader", async () => {
      const b = backend();
      await put(b, "s.bin", new Uint8Array(300_000));
      const controller = new AbortController();
      const reader = await b.newReader("s.bin", { signal: controller.signal });
      controller.abort(new Error("cut"));
      await expect(
        pipeline(reader.toReadable(), new Writable({ write: (_c, _e, cb) => cb() })),
      ).rejects.toThrow("cut");
      expect(openHandles(b)).toEqual([]);
    });

    for (const how of ["without an error", "with an error"] as const) {
      test(`a writer whose Writable is destroyed ${how} is aborted and no open handle`, async () => {
        const b = backend();
        await put(b, "kept.txt", "old");
        const w = await b.newWriter("kept.txt");
        const writable = w.toWritable();
        await new Promise<void>((resolve, reject) => {
          writable.write("partial", (err) => (err ? reject(err) : resolve()));
        });
        const closed = settled(writable);
        if (how === "with an error") writable.destroy(new Error("broken"));
        else writable.destroy();
        await closed;
        expect(openHandles(b)).toEqual([]);
        expect(await text(b, "kept.txt")).toBe("old");
        await expect(w.close()).rejects.toThrow();
      });
    }
  });
}
