import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { copyBytes, encodeText } from "../../src/core/byte-slab.js";
import { readFile, writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

const chunk = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.uint8Array({ minLength: 1000, maxLength: 5000 }),
);

describe("slab copies of small chunks", () => {
  test("every copy keeps its bytes while the sources and the other copies change", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(chunk, fc.string({ unit: "binary" })), { maxLength: 80 }),
        (inputs) => {
          const expected = inputs.map((x) =>
            typeof x === "string" ? new TextEncoder().encode(x) : new Uint8Array(x),
          );
          const copies = inputs.map((x) => (typeof x === "string" ? encodeText(x) : copyBytes(x)));
          for (const x of inputs) if (typeof x !== "string") x.fill(0xee);
          copies.forEach((c, i) => {
            expect(c).toEqual(expected[i]);
          });
          // Writing into one copy (which the package never does) would not reach another.
          for (const c of copies) c.fill(0x11);
          for (const c of copies) expect(c.every((b) => b === 0x11)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("thousands of small writes across many slabs read back byte for byte", async () => {
    const b = new MemoryBackend();
    const source = new Uint8Array(1500);
    for (let i = 0; i < 300; i++) {
      source.fill(i & 0xff);
      await writeFile(b, `f${i}.bin`, source.subarray(0, 500 + (i % 1000)));
      await writeFile(b, `t${i}.txt`, `text ${i} ✓`);
    }
    for (let i = 0; i < 300; i++) {
      const got = await readFile(b, `f${i}.bin`);
      expect(got.length).toBe(500 + (i % 1000));
      expect(got.every((x) => x === (i & 0xff))).toBe(true);
      expect(new TextDecoder().decode(await readFile(b, `t${i}.txt`))).toBe(`text ${i} ✓`);
    }
  });

  test("no stored slab is reachable from what a reader hands out", async () => {
    const b = new MemoryBackend();
    await writeFile(b, "a.txt", "small");
    await writeFile(b, "b.bin", new Uint8Array(2000).fill(3));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    await writeFile(b, "c.bin", big);
    const stored = { "a.txt": "small", "b.bin": new Uint8Array(2000).fill(3), "c.bin": big };
    for (const path of ["a.txt", "b.bin", "c.bin"] as const) {
      const got = await readFile(b, path);
      expect(got.constructor).toBe(Uint8Array);
      // Whatever buffer the chunk sits in, writing all of it changes nothing stored.
      new Uint8Array(got.buffer).fill(0xaa);
      const again = await readFile(b, path);
      const want = stored[path];
      expect(again).toEqual(typeof want === "string" ? new TextEncoder().encode(want) : want);
      expect(b.readSync(path).buffer.byteLength).toBe(again.length);
    }
  });

  test("large chunks (4 KiB and more) come in a buffer of their own, ranges included", async () => {
    const b = new MemoryBackend();
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    await writeFile(b, "c.bin", big);
    const whole = await readFile(b, "c.bin");
    expect(whole.byteOffset).toBe(0);
    expect(whole.buffer.byteLength).toBe(whole.length);
    const part = await readFile(b, "c.bin", { offset: 1234, limit: 50_000 });
    expect(part).toEqual(big.subarray(1234, 51_234));
    expect(part.buffer.byteLength).toBe(50_000);
    part.fill(0);
    expect(await readFile(b, "c.bin")).toEqual(big);
  });

  test("small chunks read one after another never share bytes", async () => {
    const b = new MemoryBackend();
    for (let i = 0; i < 50; i++) await writeFile(b, `f${i}`, new Uint8Array(300).fill(i));
    const got = [];
    for (let i = 0; i < 50; i++) got.push(await readFile(b, `f${i}`));
    for (const chunk of got) chunk.fill(0xff);
    for (let i = 0; i < 50; i++) {
      expect((await readFile(b, `f${i}`)).every((x) => x === i)).toBe(true);
    }
    got.forEach((chunk) => {
      expect(chunk.every((x) => x === 0xff)).toBe(true);
    });
  });
});
