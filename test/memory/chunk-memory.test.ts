import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { stateOf } from "../../src/memory/checkpoint.js";
import { chunksOf, type Entry } from "../../src/memory/entries.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { SortedTree } from "../../src/memory/sorted-tree.js";

// What a stored chunk costs besides its bytes: the Uint8Array object and its ArrayBuffer
// record (about 218 bytes of heap per chunk, as measured with --expose-gc when issue 9 was filed).
const PER_CHUNK = 218;

/**
 * The memory a stored file holds, counted, not timed: the byte length of every distinct
 * ArrayBuffer its chunks live in, plus the fixed cost of each chunk.
 */
function retainedBytes(b: MemoryBackend, path: string): number {
  const tree = new SortedTree<Entry>(stateOf(b.snapshot()).tree);
  const entry = tree.get(path);
  if (!entry || entry.dir) throw new Error(`${path} is not a file`);
  const chunks = chunksOf(entry);
  const buffers = new Set(chunks.map((c) => c.buffer));
  let bytes = 0;
  for (const buffer of buffers) bytes += buffer.byteLength;
  return bytes + chunks.length * PER_CHUNK;
}

async function writeInChunks(b: MemoryBackend, path: string, size: number, chunk: number) {
  const w = await b.newWriter(path);
  const piece = new Uint8Array(chunk).fill(7);
  for (let at = 0; at < size; at += chunk) void w.write(piece);
  await w.close();
}

describe("small chunks are coalesced: a file costs about its size whatever its chunking", () => {
  test.each([1, 16, 100, 1000])(
    "1 MiB written %i B at a time holds at most twice its size",
    async (chunk) => {
      const b = new MemoryBackend();
      const size = 1024 * 1024;
      await writeInChunks(b, "f.bin", size, chunk);
      expect(b.statSync("f.bin").size).toBeGreaterThanOrEqual(size);
      expect(retainedBytes(b, "f.bin")).toBeLessThanOrEqual(2 * b.statSync("f.bin").size);
      const bytes = b.readSync("f.bin");
      expect(bytes.every((x) => x === 7)).toBe(true);
    },
    30_000,
  );

  test("small files written in a few chunks hold no spare room", async () => {
    const b = new MemoryBackend();
    for (const size of [0, 1, 2, 63, 64, 65, 1000, 5000]) {
      const w = await b.newWriter(`f${size}`);
      for (let i = 0; i < size; i++) void w.write("x");
      await w.close();
      expect(b.readSync(`f${size}`)).toHaveLength(size);
      if (size > 1) expect(retainedBytes(b, `f${size}`) - PER_CHUNK).toBe(size);
    }
  });

  test("the content is the writes in order, whatever mix of chunk sizes", async () => {
    const b = new MemoryBackend();
    const w = await b.newWriter("mix.bin");
    const expected: number[] = [];
    let n = 0;
    for (const size of [1, 3, 70_000, 5, 16 * 1024, 2, 64 * 1024 - 1, 40_000, 9]) {
      const piece = Uint8Array.from({ length: size }, () => n++ % 251);
      expected.push(...piece);
      void w.write(piece);
    }
    await w.close();
    expect([...b.readSync("mix.bin")]).toEqual(expected);
  });

  test("property: any sequence of chunk sizes stores exactly the writes, in order, in at most twice their size", async () => {
    const size = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 64 }) },
      { weight: 3, arbitrary: fc.integer({ min: 65, max: 20_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 20_001, max: 140_000 }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(size, { maxLength: 80 }), async (sizes) => {
        const b = new MemoryBackend();
        const w = await b.newWriter("p.bin");
        let n = 0;
        const expected: number[] = [];
        for (const s of sizes) {
          const piece = Uint8Array.from({ length: s }, () => n++ % 253);
          for (const x of piece) expected.push(x);
          void w.write(piece);
        }
        await w.close();
        const stored = b.readSync("p.bin");
        expect(stored.length).toBe(expected.length);
        expect(Buffer.from(stored).equals(Buffer.from(expected))).toBe(true);
        // A file of several chunks holds its bytes plus a bounded number of chunk records.
        if (sizes.filter((s) => s > 0).length > 1 && expected.length > 0) {
          expect(retainedBytes(b, "p.bin")).toBeLessThanOrEqual(2 * expected.length + PER_CHUNK);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
