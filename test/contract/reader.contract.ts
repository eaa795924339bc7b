import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, test } from "vitest";
import { readAll } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { openHandles } from "./handles.contract.js";
import { put, rejectsWith } from "./harness.js";

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const concat = (head: Uint8Array | null, rest: Uint8Array): Uint8Array =>
  head ? Uint8Array.from([...head, ...rest]) : rest;

async function readRange(b: ExtendedBackend, path: string, offset?: number, limit?: number) {
  return decode(await readAll(await b.newReader(path, { offset, limit })));
}

/** SPEC "Backend": newReader and the Reader. */
export function readerContract(backend: () => ExtendedBackend): void {
  describe("newReader / Reader", () => {
    test("a reader is an async iterable of chunks with close()", async () => {
      const b = backend();
      await put(b, "r.txt", "hello");
      const reader = await b.newReader("r.txt");
      const parts: string[] = [];
      for await (const chunk of reader) parts.push(decode(chunk));
      expect(parts.join("")).toBe("hello");
      await expect(reader.close()).resolves.toBeUndefined();
    });

    test("read() gives chunks, then null at the end", async () => {
      const b = backend();
      await put(b, "r.txt", "abc");
      const reader = await b.newReader("r.txt");
      const first = await reader.read();
      expect(first && decode(first)).toBe("abc");
      expect(await reader.read()).toBeNull();
      await reader.close();
    });

    test("a reader reads the content as of open, even if overwritten or deleted meanwhile", async () => {
      const b = backend();
      await put(b, "snap.txt", "before");
      const overwritten = await b.newReader("snap.txt");
      const deleted = await b.newReader("snap.txt");
      await put(b, "snap.txt", "after, and longer");
      expect(decode(await readAll(overwritten))).toBe("before");
      await b.delete("snap.txt");
      expect(decode(await readAll(deleted))).toBe("before");
    });

    test("a reader reads the content as of open, even if its file is moved, its folder moved or removed", async () => {
      const b = backend();
      await put(b, "dir/snap.txt", "before");
      const moved = await b.newReader("dir/snap.txt");
      const folderMoved = await b.newReader("dir/snap.txt");
      const folderRemoved = await b.newReader("dir/snap.txt");
      const first = await moved.read(); // one read in, then the ground shifts
      await b.move("dir/snap.txt", "dir/elsewhere.txt");
      await put(b, "dir/snap.txt", "replaced");
      expect(decode(concat(first, await readAll(moved)))).toBe("before");
      await b.move("dir", "moved-dir");
      expect(decode(await readAll(folderMoved))).toBe("before");
      await b.rmdir("moved-dir", { recursive: true });
      expect(decode(await readAll(folderRemoved))).toBe("before");
      expect(openHandles(b)).toEqual([]);
    });

    test("reading after close rejects with ReaderClosedError", async () => {
      const b = backend();
      await put(b, "c.txt", "x");
      const reader = await b.newReader("c.txt");
      await reader.close();
      await reader.close();
      await rejectsWith(reader.read(), "ERR_READER_CLOSED", "read", "c.txt");
    });

    test("offset past the end gives no bytes; limit caps the bytes; limit 0 gives none", async () => {
      const b = backend();
      await put(b, "range.txt", "0123456789");
      expect(await readRange(b, "range.txt", 3)).toBe("3456789");
      expect(await readRange(b, "range.txt", 3, 4)).toBe("3456");
      expect(await readRange(b, "range.txt", undefined, 2)).toBe("01");
      expect(await readRange(b, "range.txt", 10)).toBe("");
      expect(await readRange(b, "range.txt", 1000)).toBe("");
      expect(await readRange(b, "range.txt", 2, 0)).toBe("");
      expect(await readRange(b, "range.txt", 8, 100)).toBe("89");
    });

    test("offset and limit work across chunk boundaries of a file written in pieces", async () => {
      const b = backend();
      const w = await b.newWriter("pieces.txt");
      for (const piece of ["abc", "def", "ghi"]) await w.write(piece);
      await w.close();
      expect(await readRange(b, "pieces.txt", 2, 5)).toBe("cdefg");
      expect(await readRange(b, "pieces.txt", 3, 3)).toBe("def");
      expect(await readRange(b, "pieces.txt", 8)).toBe("i");
    });

    test("negative or fractional offset and limit reject with RangeError", async () => {
      const b = backend();
      await put(b, "n.txt", "x");
      await expect(b.newReader("n.txt", { offset: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(b.newReader("n.txt", { limit: -5 })).rejects.toBeInstanceOf(RangeError);
      await expect(b.newReader("n.txt", { offset: 1.5 })).rejects.toThrow(/offset/);
      await expect(b.newReader("n.txt", { limit: Number.NaN })).rejects.toThrow(/limit/);
    });

    test("a missing path rejects with NotFoundError, a directory with IsADirectoryError", async () => {
      const b = backend();
      await b.mkdir("d");
      await rejectsWith(b.newReader("missing.txt"), "ENOENT", "newReader", "missing.txt");
      await rejectsWith(b.newReader("d"), "EISDIR", "newReader", "d");
    });

    test("chunks handed out are the reader's own: mutating them never changes stored data", async () => {
      const b = backend();
      await put(b, "own.bin", new Uint8Array([5, 6, 7]));
      const first = await readAll(await b.newReader("own.bin"));
      first.fill(0);
      expect([...(await readAll(await b.newReader("own.bin")))]).toEqual([5, 6, 7]);
    });

    test("toReadable() streams the content as a Node Readable", async () => {
      const b = backend();
      await put(b, "node.txt", "node stream");
      const readable = (await b.newReader("node.txt", { offset: 5 })).toReadable();
      expect(readable).toBeInstanceOf(Readable);
      const parts: Buffer[] = [];
      for await (const chunk of readable) parts.push(Buffer.from(chunk as Uint8Array));
      expect(Buffer.concat(parts).toString()).toBe("stream");
    });

    test("toReadable() pipes into a Writable with stream/promises pipeline and closes the reader", async () => {
      const b = backend();
      const w = await b.newWriter("piped.txt");
      for (const piece of ["one ", "two ", "three"]) await w.write(piece);
      await w.close();
      const reader = await b.newReader("piped.txt");
      const received: Buffer[] = [];
      const sink = new PassThrough();
      sink.on("data", (chunk: Buffer) => received.push(chunk));
      await pipeline(reader.toReadable(), sink);
      expect(Buffer.concat(received).toString()).toBe("one two three");
      await rejectsWith(reader.read(), "ERR_READER_CLOSED", "read", "piped.txt");
    });

    test("toReadableStream() streams the content as a WHATWG ReadableStream", async () => {
      const b = backend();
      await put(b, "web.txt", "web stream");
      const stream = (await b.newReader("web.txt")).toReadableStream();
      const text = await new Response(stream).text();
      expect(text).toBe("web stream");
    });

    test("breaking out of iteration closes the reader", async () => {
      const b = backend();
      const w = await b.newWriter("many.txt");
      for (let i = 0; i < 5; i++) await w.write(`chunk${i}`);
      await w.close();
      const reader = await b.newReader("many.txt");
      for await (const _ of reader) break;
      await rejectsWith(reader.read(), "ERR_READER_CLOSED", "read", "many.txt");
    });

    test("an aborted signal rejects newReader with its reason; aborting later fails the next read", async () => {
      const b = backend();
      await put(b, "s.txt", "x");
      const reason = new Error("abort!");
      await expect(b.newReader("s.txt", { signal: AbortSignal.abort(reason) })).rejects.toBe(
        reason,
      );
      const controller = new AbortController();
      const reader = await b.newReader("s.txt", { signal: controller.signal });
      controller.abort(reason);
      await expect(reader.read()).rejects.toBe(reason);
      await reader.close();
    });
  });
}
