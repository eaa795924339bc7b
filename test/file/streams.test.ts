import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, writeFile as writeDisk } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, test } from "vitest";
import { readFile as readAllOf, writeFile } from "../../src/core/helpers.js";
import { useDisk } from "./disk.js";

const BIG = 1024 * 1024 + 12_345; // several reader chunks, not a multiple of any

describe("FileBackend streams", () => {
  const disk = useDisk();

  test("a multi-megabyte file streams in through toWritable and out through toReadable, byte for byte", async () => {
    const { backend, root, outside } = disk();
    const data = randomBytes(BIG);
    const source = join(root, "..", "source.bin");
    await writeDisk(source, data);
    const writer = await backend.newWriter("in/big.bin");
    await pipeline(createReadStream(source, { highWaterMark: 10_000 }), writer.toWritable());
    expect((await backend.stat("in/big.bin")).size).toBe(BIG);
    const target = `${outside}.bin`;
    await pipeline((await backend.newReader("in/big.bin")).toReadable(), createWriteStream(target));
    expect(Buffer.compare(await readFile(target), data)).toBe(0);
  });

  test("a reader hands out bounded chunks, each a fresh Uint8Array that the caller owns", async () => {
    const { backend } = disk();
    await writeFile(backend, "big.bin", randomBytes(BIG));
    const reader = await backend.newReader("big.bin");
    const chunks: Uint8Array[] = [];
    for await (const chunk of reader) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(chunks.every((c) => Object.getPrototypeOf(c) === Uint8Array.prototype)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(BIG);
    for (const c of chunks) c.fill(0);
    expect((await readAllOf(backend, "big.bin")).some((b) => b !== 0)).toBe(true);
  });

  test("offset and limit select a range of a large file through the WHATWG stream", async () => {
    const { backend } = disk();
    const data = randomBytes(BIG);
    await writeFile(backend, "r.bin", data);
    const offset = 70_000;
    const limit = 200_000;
    const stream = (await backend.newReader("r.bin", { offset, limit })).toReadableStream();
    const got = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(Buffer.compare(got, data.subarray(offset, offset + limit))).toBe(0);
  });

  test("backend to backend through a PassThrough: the destination commits when the pipeline resolves", async () => {
    const { backend } = disk();
    await writeFile(backend, "a.txt", "piped through");
    const out = await backend.newWriter("b/b.txt");
    await pipeline(
      (await backend.newReader("a.txt")).toReadable(),
      new PassThrough(),
      out.toWritable(),
    );
    expect(new TextDecoder().decode(await readAllOf(backend, "b/b.txt"))).toBe("piped through");
    expect(backend.openHandles()).toEqual([]);
  });
});
