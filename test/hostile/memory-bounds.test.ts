import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

/**
 * Memory bounds of the memory backend, measured with `process.memoryUsage()` after full
 * garbage collections. The README states these bounds; the numbers printed by this file on
 * the machine that wrote it are in the report next to them.
 */

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

const MiB = 2 ** 20;

/** Heap and ArrayBuffer bytes in use after two full collections. */
function used(): { heap: number; buffers: number } {
  collect();
  collect();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

describe("memory bounds", () => {
  test("a 300 MiB file written in 1 MiB chunks costs its size once, reads back and copies without a second copy, and is freed on delete", async () => {
    const CHUNKS = 300;
    const chunk = new Uint8Array(MiB);
    const b = new MemoryBackend();
    const base = used();

    const w = await b.newWriter("huge.bin");
    for (let i = 0; i < CHUNKS; i++) {
      chunk.fill(i & 0xff);
      await w.write(chunk);
    }
    await w.close();
    const stored = used();
    const storedCost = stored.buffers - base.buffers;
    expect(b.size()).toBe(CHUNKS * MiB);
    // Bound: the file's bytes plus 8 MiB (the writer keeps the chunks; commit concatenates nothing).
    expect(storedCost).toBeGreaterThanOrEqual(CHUNKS * MiB);
    expect(storedCost).toBeLessThanOrEqual(CHUNKS * MiB + 8 * MiB);

    // Reading streams: with collections along the way, nothing beyond a few chunks piles up.
    const r = await b.newReader("huge.bin");
    let i = 0;
    let peak = 0;
    for await (const got of r) {
      if (got.length !== MiB || got[0] !== (i & 0xff) || got[MiB - 1] !== (i & 0xff)) {
        throw new Error(`chunk ${i} came back wrong`);
      }
      i++;
      if (i % 50 === 0) peak = Math.max(peak, used().buffers - stored.buffers);
    }
    expect(i).toBe(CHUNKS);
    expect(peak).toBeLessThanOrEqual(8 * MiB);

    // A copy shares the immutable chunks.
    await b.copy("huge.bin", "copy.bin");
    expect(used().buffers - stored.buffers).toBeLessThanOrEqual(MiB);
    expect(b.size()).toBe(2 * CHUNKS * MiB);

    await b.delete("huge.bin");
    await b.delete("copy.bin");
    expect(used().buffers - base.buffers).toBeLessThanOrEqual(8 * MiB);
    process.stdout.write(
      `[memory-bounds] 300 MiB file: ${(storedCost / MiB).toFixed(1)} MiB stored, read peak +${(peak / MiB).toFixed(1)} MiB\n`,
    );
  }, 120_000);

  test("a million small files cost under 600 bytes each (seeded), 700 with writers and the journal, and clear() gives it all back", async () => {
    const FILES = 1_000_000;
    const BATCH = 50_000;
    const b = new MemoryBackend();
    const base = used();
    for (let start = 0; start < FILES; start += BATCH) {
      const tree: Record<string, string> = {};
      for (let i = start; i < start + BATCH; i++) tree[`d${i % 1000}/f${i}.txt`] = `v${i}`;
      b.load(tree);
    }
    expect(b.count()).toBe(FILES);
    const loaded = used();
    const perFile = (loaded.heap + loaded.buffers - base.heap - base.buffers) / FILES;
    expect(perFile).toBeLessThan(600);

    // Files written one by one also leave two journal records each.
    const WRITTEN = 50_000;
    for (let i = 0; i < WRITTEN; i++) await writeFile(b, `w${i % 100}/f${i}.txt`, `v${i}`);
    const written = used();
    const perWritten = (written.heap + written.buffers - loaded.heap - loaded.buffers) / WRITTEN;
    expect(b.journal).toHaveLength(2 * WRITTEN);
    expect(perWritten).toBeLessThan(700);

    b.clear();
    b.clearJournal();
    const cleared = used();
    expect(cleared.heap + cleared.buffers - base.heap - base.buffers).toBeLessThan(16 * MiB);
    process.stdout.write(
      `[memory-bounds] 1M seeded files: ${perFile.toFixed(0)} B/file; written with journal: ${perWritten.toFixed(0)} B/file\n`,
    );
  }, 180_000);
});
