import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { readFile, writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

/** A Uint8Array made in another vm realm: `instanceof Uint8Array` is false for it here. */
function foreignBytes(values: number[]): Uint8Array {
  return runInNewContext(`new Uint8Array(${JSON.stringify(values)})`) as Uint8Array;
}

describe("bytes from another realm are stored as bytes wherever memory takes bytes", () => {
  test("the foreign array really fails instanceof here", () => {
    expect(foreignBytes([1]) instanceof Uint8Array).toBe(false);
  });

  test("MemoryBackend.from stores them as bytes, not as JSON of their indices", () => {
    const b = MemoryBackend.from({ "bin.dat": foreignBytes([0, 1, 255]) });
    expect([...b.readSync("bin.dat")]).toEqual([0, 1, 255]);
  });

  test("load stores them as bytes", () => {
    const b = new MemoryBackend().load({ "bin.dat": foreignBytes([7, 8]) });
    expect([...b.readSync("bin.dat")]).toEqual([7, 8]);
  });

  test("a writer and writeFile take them", async () => {
    const b = new MemoryBackend();
    const w = await b.newWriter("w.dat");
    await w.write(foreignBytes([1, 2]));
    await w.write(foreignBytes([3]));
    await w.close();
    expect([...b.readSync("w.dat")]).toEqual([1, 2, 3]);
    await writeFile(b, "f.dat", foreignBytes([9, 9, 9]));
    expect([...(await readFile(b, "f.dat"))]).toEqual([9, 9, 9]);
  });

  test("they are copied: changing them later changes nothing stored", async () => {
    const bytes = foreignBytes([1, 2, 3]);
    const b = MemoryBackend.from({ "a.dat": bytes });
    bytes[0] = 42;
    expect([...b.readSync("a.dat")]).toEqual([1, 2, 3]);
  });
});
