import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readFile, writeFile } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { openHandles } from "./handles.contract.js";
import { put, rejectsWith, text } from "./harness.js";

type Good = string | { bytes: Uint8Array };
const isGood = (c: unknown): c is Good =>
  typeof c === "string" || (typeof c === "object" && c !== null && "bytes" in c);

/** SPEC "Backend": a failed write fails the writer; abort during close; encodings; realms. */
export function writerFailureContract(backend: () => ExtendedBackend): void {
  describe("a write that fails fails the writer", () => {
    test("an unawaited write of a bad chunk makes close() reject with its error and stores nothing", async () => {
      const b = backend();
      const w = await b.newWriter("partial.txt");
      void w.write("a");
      const bad = w.write(123 as unknown as string);
      void w.write("b");
      const err = await w.close().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TypeError);
      await expect(bad).rejects.toBe(err);
      expect(await b.exists("partial.txt")).toBe(false);
      expect(await b.list()).toEqual([]);
    });

    test("a bad chunk after a committed file leaves the old content", async () => {
      const b = backend();
      await put(b, "kept.txt", "old");
      const w = await b.newWriter("kept.txt");
      await w.write("new");
      await expect(w.write({} as unknown as string)).rejects.toThrow(TypeError);
      await expect(w.close()).rejects.toThrow(TypeError);
      expect(await text(b, "kept.txt")).toBe("old");
    });

    test("a failed writer is finished at once: it is not an open handle, and later writes reject", async () => {
      const b = backend();
      const w = await b.newWriter("failed.txt");
      await expect(w.write(null as unknown as string)).rejects.toThrow(TypeError);
      // No waiting: by the time the failed write rejects, the writer has let go (on disk: its
      // descriptor and staging file), as a failed read does.
      expect(openHandles(b)).toEqual([]);
      await expect(w.write("more")).rejects.toThrow();
      await expect(w.close()).rejects.toThrow(TypeError);
      await expect(w.abort()).resolves.toBeUndefined();
      expect(await b.list()).toEqual([]);
    });
  });

  test("a bad chunk behind pending writes rejects only once the writer let go", async () => {
    const b = backend();
    const w = await b.newWriter("sink.txt");
    const pending = [w.write("a"), w.write("b"), w.write(Symbol("bad") as unknown as string)];
    const outcomes = await Promise.allSettled(pending);
    // Writes still queued when the writer failed may reject too; the bad one always does.
    expect(outcomes[2]).toMatchObject({ status: "rejected", reason: expect.any(TypeError) });
    expect(openHandles(b)).toEqual([]);
    expect(await b.list()).toEqual([]);
  });

  test("property: unawaited writes are stored whole exactly when no chunk fails, else nothing is", async () => {
    const b = backend();
    const good = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })),
    );
    const bad = fc.constantFrom<unknown>(7, null, undefined, {}, [1], new Uint16Array(1));
    const chunk = fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 8 }), async (chunks) => {
        const path = `prop/${run++}.bin`;
        const w = await b.newWriter(path);
        const expected: number[] = [];
        let fails = false;
        for (const c of chunks) {
          const given = isGood(c) ? (typeof c === "string" ? c : new Uint8Array(c.bytes)) : c;
          void w.write(given as Uint8Array).catch(() => undefined);
          if (!isGood(c)) fails = true;
          else if (typeof c === "string") expected.push(...new TextEncoder().encode(c));
          else expected.push(...c.bytes);
        }
        const closed = await w.close().then(
          () => "stored",
          (e: unknown) => (e instanceof TypeError ? "refused" : e),
        );
        expect(closed).toBe(fails ? "refused" : "stored");
        if (fails) expect(await b.exists(path)).toBe(false);
        else expect([...(await readFile(b, path))]).toEqual(expected);
        expect(openHandles(b)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  describe("abort() while close() waits for pending writes", () => {
    test("the abort wins: nothing is stored and close() rejects with WriterClosedError", async () => {
      const b = backend();
      await put(b, "race.txt", "before");
      const w = await b.newWriter("race.txt");
      void w.write("x".repeat(200_000));
      void w.write("y");
      const closing = w.close();
      const aborting = w.abort(new Error("user cancelled"));
      await rejectsWith(closing, "ERR_WRITER_CLOSED", "close", "race.txt");
      await expect(aborting).resolves.toBeUndefined();
      expect(await text(b, "race.txt")).toBe("before");
      expect(openHandles(b)).toEqual([]);
    });

    test("a signal that aborts while close() waits wins the same way", async () => {
      const b = backend();
      const controller = new AbortController();
      const w = await b.newWriter("signal-race/f.txt", { signal: controller.signal });
      void w.write("data");
      const closing = w.close();
      controller.abort(new Error("stop"));
      await rejectsWith(closing, "ERR_WRITER_CLOSED", "close", "signal-race/f.txt");
      expect(await b.exists("signal-race")).toBe(false);
    });

    test("abort() after close() resolved changes nothing", async () => {
      const b = backend();
      const w = await b.newWriter("done.txt");
      await w.write("kept");
      await w.close();
      await expect(w.abort()).resolves.toBeUndefined();
      expect(await text(b, "done.txt")).toBe("kept");
    });
  });

  describe("toWritable() honours string encodings", () => {
    test('write("68656c6c6f", "hex") stores "hello"', async () => {
      const b = backend();
      const w = await b.newWriter("hex.txt");
      const writable = w.toWritable();
      writable.write("68656c6c6f", "hex");
      writable.write(" wörld", "utf8");
      writable.write("IQ==", "base64");
      await new Promise<void>((resolve, reject) => {
        writable.on("error", reject);
        writable.end(() => resolve());
      });
      expect(await text(b, "hex.txt")).toBe("hello wörld!");
    });

    test("setDefaultEncoding is honoured, also through pipeline", async () => {
      const b = backend();
      const w = await b.newWriter("b64.txt");
      const writable = w.toWritable();
      writable.setDefaultEncoding("base64");
      const source = Readable.from(["aGVs", "bG8="], { objectMode: true });
      await pipeline(source, writable);
      expect(await text(b, "b64.txt")).toBe("hello");
    });

    test("latin1 strings become one byte per character", async () => {
      const b = backend();
      const w = await b.newWriter("latin1.bin");
      const writable = w.toWritable();
      writable.end("\u00e9\u00ff", "latin1");
      await new Promise<void>((resolve, reject) => {
        writable.on("finish", resolve).on("error", reject);
      });
      const reader = await b.newReader("latin1.bin");
      const got: number[] = [];
      for await (const chunk of reader) got.push(...chunk);
      expect(got).toEqual([0xe9, 0xff]);
    });
  });

  describe("bytes from another realm", () => {
    test("writer.write and writeFile take a Uint8Array made in a vm context", async () => {
      const b = backend();
      const foreign = runInNewContext("new Uint8Array([104, 105])") as Uint8Array;
      expect(foreign instanceof Uint8Array).toBe(false);
      await writeFile(b, "realm/file.txt", foreign);
      expect(await text(b, "realm/file.txt")).toBe("hi");
      const w = await b.newWriter("realm/writer.txt");
      await w.write(foreign);
      await w.write(runInNewContext("new Uint8Array(300).fill(33)") as Uint8Array);
      await w.close();
      expect(await text(b, "realm/writer.txt")).toBe(`hi${"!".repeat(300)}`);
      foreign[0] = 0;
      expect(await text(b, "realm/file.txt")).toBe("hi");
    });

    test("other typed arrays and look-alikes are still refused", async () => {
      const b = backend();
      const fakes: unknown[] = [
        new Uint16Array([1]),
        runInNewContext("new Uint8ClampedArray([1])"),
        { length: 1, 0: 65, [Symbol.toStringTag]: "Uint8Array" },
        new ArrayBuffer(1),
      ];
      for (const fake of fakes) {
        const w = await b.newWriter("fake.bin");
        await expect(w.write(fake as Uint8Array)).rejects.toThrow(TypeError);
        await expect(w.close()).rejects.toThrow(TypeError);
      }
      expect(await b.list()).toEqual([]);
    });
  });
}
