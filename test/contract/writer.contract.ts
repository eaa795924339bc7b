import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { ExtendedBackend } from "../../src/core/types.js";
import { put, rejectsWith, text } from "./harness.js";

/** SPEC "Backend": newWriter and the Writer. */
export function writerContract(backend: () => ExtendedBackend): void {
  describe("newWriter / Writer", () => {
    test("a written file reads back byte for byte; strings are UTF-8", async () => {
      const b = backend();
      const w = await b.newWriter("dir/data.bin");
      await w.write(new Uint8Array([0, 1, 2, 255]));
      await w.write("héllo ✓");
      await w.close();
      const bytes = [0, 1, 2, 255, ...new TextEncoder().encode("héllo ✓")];
      const reader = await b.newReader("dir/data.bin");
      const got: number[] = [];
      for await (const chunk of reader) got.push(...chunk);
      expect(got).toEqual(bytes);
    });

    test("writes apply in call order even when not awaited, and close waits for them", async () => {
      const b = backend();
      const w = await b.newWriter("ordered.txt");
      const writes = ["a", "b", "c", "d", "e"].map((s) => w.write(s));
      await w.close();
      await Promise.all(writes);
      expect(await text(b, "ordered.txt")).toBe("abcde");
    });

    test("until close resolves, readers see the old content (or nothing)", async () => {
      const b = backend();
      await put(b, "f.txt", "old");
      const w = await b.newWriter("f.txt");
      await w.write("new");
      expect(await text(b, "f.txt")).toBe("old");
      const fresh = await b.newWriter("brand/new.txt");
      await fresh.write("x");
      expect(await b.exists("brand/new.txt")).toBe(false);
      expect(await b.exists("brand")).toBe(false);
      await w.close();
      await fresh.close();
      expect(await text(b, "f.txt")).toBe("new");
      expect(await text(b, "brand/new.txt")).toBe("x");
    });

    test("closing twice is a no-op", async () => {
      const b = backend();
      const w = await b.newWriter("twice.txt");
      await w.write("once");
      await w.close();
      await expect(w.close()).resolves.toBeUndefined();
      expect(await text(b, "twice.txt")).toBe("once");
    });

    test("write after close rejects with WriterClosedError", async () => {
      const b = backend();
      const w = await b.newWriter("closed.txt");
      await w.close();
      await rejectsWith(w.write("late"), "ERR_WRITER_CLOSED", "write", "closed.txt");
      expect(await text(b, "closed.txt")).toBe("");
    });

    test("abort discards everything written; write and close after it reject", async () => {
      const b = backend();
      await put(b, "keep.txt", "original");
      const w = await b.newWriter("keep.txt");
      await w.write("replacement");
      await expect(w.abort(new Error("changed my mind"))).resolves.toBeUndefined();
      await rejectsWith(w.write("more"), "ERR_WRITER_CLOSED", "write", "keep.txt");
      await rejectsWith(w.close(), "ERR_WRITER_CLOSED", "close", "keep.txt");
      expect(await text(b, "keep.txt")).toBe("original");
      const gone = await b.newWriter("never/here.txt");
      await gone.write("x");
      await gone.abort();
      expect(await b.exists("never/here.txt")).toBe(false);
      expect(await b.exists("never")).toBe(false);
    });

    test("bytes are copied at write(): mutating the buffer afterwards changes nothing", async () => {
      const b = backend();
      const buf = new Uint8Array([1, 2, 3]);
      const w = await b.newWriter("copied.bin");
      const pending = w.write(buf);
      buf[0] = 99;
      await pending;
      buf[1] = 98;
      await w.close();
      buf[2] = 97;
      const reader = await b.newReader("copied.bin");
      const got: number[] = [];
      for await (const chunk of reader) got.push(...chunk);
      expect(got).toEqual([1, 2, 3]);
    });

    test("a Buffer is copied too (Buffer#slice would only make a view)", async () => {
      const b = backend();
      const buf = Buffer.from("abc");
      const w = await b.newWriter("buffer.bin");
      await w.write(buf);
      buf.write("xyz");
      await w.close();
      const reader = await b.newReader("buffer.bin");
      const got: number[] = [];
      for await (const chunk of reader) got.push(...chunk);
      expect(Buffer.from(got).toString()).toBe("abc");
    });

    test("parent directories are created implicitly when a write commits", async () => {
      const b = backend();
      await put(b, "a/b/c/file.txt", "deep");
      for (const dir of ["a", "a/b", "a/b/c"]) {
        expect(await b.exists(dir)).toBe(true);
        expect((await b.stat(dir)).isDir).toBe(true);
      }
    });

    test("implicit parents stay after their files are deleted, until rmdir", async () => {
      const b = backend();
      await put(b, "p/q/f.txt", "x");
      await b.delete("p/q/f.txt");
      expect(await b.exists("p/q")).toBe(true);
      await b.rmdir("p/q");
      expect(await b.exists("p/q")).toBe(false);
      expect(await b.exists("p")).toBe(true);
    });

    test("writing to a path that is a directory rejects with IsADirectoryError", async () => {
      const b = backend();
      await b.mkdir("folder");
      await rejectsWith(b.newWriter("folder"), "EISDIR", "newWriter", "folder");
      await put(b, "x/y.txt", "y");
      await rejectsWith(b.newWriter("/x/"), "EISDIR", "newWriter", "x");
    });

    test("a directory created while a writer is open makes its close reject with IsADirectoryError", async () => {
      const b = backend();
      const w = await b.newWriter("late/dir");
      await w.write("x");
      await b.mkdir("late/dir");
      await rejectsWith(w.close(), "EISDIR", "close", "late/dir");
      expect((await b.stat("late/dir")).isDir).toBe(true);
    });

    test("writing below a file rejects with NotADirectoryError", async () => {
      const b = backend();
      await put(b, "a.txt", "file");
      await rejectsWith(b.newWriter("a.txt/b"), "ENOTDIR", "newWriter", "a.txt/b");
      await rejectsWith(b.newWriter("a.txt/b/c"), "ENOTDIR", "newWriter", "a.txt/b/c");
      expect(await text(b, "a.txt")).toBe("file");
    });

    test("two writers on one path: the last close wins and nothing is interleaved", async () => {
      const b = backend();
      const first = await b.newWriter("race.txt");
      const second = await b.newWriter("race.txt");
      await first.write("AAAA");
      await second.write("BBBB");
      await first.write("aaaa");
      await second.write("bbbb");
      await second.close();
      await first.close();
      expect(await text(b, "race.txt")).toBe("AAAAaaaa");
    });

    test("property: writers on one path closed unawaited in any order: the last close() called wins", async () => {
      const b = backend();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(1, 4096, 1_000_000), { minLength: 2, maxLength: 4 }),
          fc.infiniteStream(fc.nat()),
          async (sizes, picks) => {
            const writers = await Promise.all(sizes.map(() => b.newWriter("last.txt")));
            // Writer i writes `sizes[i]` copies of its own letter, not awaited.
            sizes.forEach(
              (size, i) => void writers[i]?.write(String.fromCharCode(65 + i).repeat(size)),
            );
            const order = [...writers.keys()];
            for (let i = order.length - 1; i > 0; i--) {
              const j = (picks.next().value as number) % (i + 1);
              [order[i], order[j]] = [order[j] as number, order[i] as number];
            }
            await Promise.all(order.map((i) => writers[i]?.close()));
            const last = order[order.length - 1] as number;
            const stored = await text(b, "last.txt");
            expect(stored.length).toBe(sizes[last]);
            expect(stored).toBe(String.fromCharCode(65 + last).repeat(sizes[last] as number));
          },
        ),
        { numRuns: 25 },
      );
    }, 60_000);

    test("toWritable() works with stream/promises pipeline and commits when it resolves", async () => {
      const b = backend();
      const w = await b.newWriter("piped.txt");
      await pipeline(Readable.from(["one ", Buffer.from("two "), "three"]), w.toWritable());
      expect(await text(b, "piped.txt")).toBe("one two three");
      expect(w.toWritable()).toBeInstanceOf(Writable);
    });

    test("toWritableStream() commits when the WHATWG stream closes", async () => {
      const b = backend();
      const w = await b.newWriter("web.txt");
      const source = new ReadableStream<Uint8Array | string>({
        start(controller) {
          controller.enqueue("web ");
          controller.enqueue(new TextEncoder().encode("stream"));
          controller.close();
        },
      });
      await source.pipeTo(w.toWritableStream());
      expect(await text(b, "web.txt")).toBe("web stream");
    });

    test("a pipeline that fails aborts the writer and leaves the old content", async () => {
      const b = backend();
      await put(b, "safe.txt", "safe");
      const w = await b.newWriter("safe.txt");
      async function* failing() {
        yield "partial";
        throw new Error("source broke");
      }
      await expect(pipeline(Readable.from(failing()), w.toWritable())).rejects.toThrow(
        "source broke",
      );
      expect(await text(b, "safe.txt")).toBe("safe");
    });

    test("a signal that aborts later acts as abort()", async () => {
      const b = backend();
      const controller = new AbortController();
      const w = await b.newWriter("signalled/file.txt", { signal: controller.signal });
      await w.write("data");
      controller.abort(new Error("stop"));
      await rejectsWith(w.close(), "ERR_WRITER_CLOSED", "close");
      expect(await b.exists("signalled/file.txt")).toBe(false);
      expect(await b.exists("signalled")).toBe(false);
    });

    test("an already aborted signal rejects with its reason and changes nothing", async () => {
      const b = backend();
      const reason = new Error("aborted before start");
      const signal = AbortSignal.abort(reason);
      await expect(b.newWriter("nope.txt", { signal })).rejects.toBe(reason);
      expect(await b.list()).toEqual([]);
    });

    test("a chunk that is neither a string nor bytes rejects with a TypeError naming the path", async () => {
      const b = backend();
      const w = await b.newWriter("typed.txt");
      await expect(w.write(42 as unknown as string)).rejects.toThrow(/write "typed.txt"/);
      await w.abort();
    });

    test("writer option modTime sets the modification time", async () => {
      const b = backend();
      const modTime = new Date("2001-02-03T04:05:06.000Z");
      await put(b, "dated.txt", "x", { modTime });
      expect((await b.stat("dated.txt")).modTime.getTime()).toBe(modTime.getTime());
    });
  });
}
