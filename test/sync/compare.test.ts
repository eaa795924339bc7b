import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/memory-backend.js";
import { filesEqual, MOD_TIME_TOLERANCE_MS } from "../../src/sync/compare.js";
import type { FileMeta } from "../../src/sync/side.js";
import { sideOf } from "../../src/sync/side.js";
import type { CompareOptions } from "../../src/sync/types.js";

// Sides whose files are never read: with sizes and times known, only metadata is compared.
const src = sideOf("test", new MemoryBackend(), "");
const dst = sideOf("test", new MemoryBackend(), "");
const now = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

const equal = (a: FileMeta, b: FileMeta, options: CompareOptions = {}) =>
  filesEqual(src, dst, "f", a, b, options);

describe("comparison rules (the Go original's NeedsUpdate table)", () => {
  test.each<[string, FileMeta, FileMeta, CompareOptions, boolean]>([
    ["same size and time", { size: 100, modTime: now }, { size: 100, modTime: now }, {}, true],
    ["different size", { size: 100, modTime: now }, { size: 200, modTime: now }, {}, false],
    ["different time", { size: 100, modTime: now }, { size: 100, modTime: now - HOUR }, {}, false],
    ["size only, different size", { size: 100 }, { size: 200 }, { sizeOnly: true }, false],
    [
      "size only, same size, different time",
      { size: 100, modTime: now },
      { size: 100, modTime: now - HOUR },
      { sizeOnly: true },
      true,
    ],
    [
      "ignore size",
      { size: 100, modTime: now },
      { size: 200, modTime: now },
      { ignoreSize: true },
      true,
    ],
    [
      "ignore time",
      { size: 100, modTime: now },
      { size: 100, modTime: now - HOUR },
      { ignoreTime: true },
      true,
    ],
    [
      "times within the tolerance",
      { size: 1, modTime: now },
      { size: 1, modTime: now + MOD_TIME_TOLERANCE_MS },
      {},
      true,
    ],
    [
      "times just past the tolerance",
      { size: 1, modTime: now },
      { size: 1, modTime: now - MOD_TIME_TOLERANCE_MS - 1 },
      {},
      false,
    ],
  ])("%s", async (_name, a, b, options, expected) => {
    expect(await equal(a, b, options)).toBe(expected);
  });

  test("sizeOnly decides by sizes alone, whatever else is set", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(5),
        fc.nat(5),
        fc.integer({ min: -3, max: 3 }),
        fc.record({ ignoreSize: fc.boolean(), ignoreTime: fc.boolean(), checksum: fc.boolean() }),
        async (sa, sb, dt, flags) => {
          const result = await equal(
            { size: sa, modTime: now },
            { size: sb, modTime: now + dt * HOUR },
            { ...flags, sizeOnly: true },
          );
          expect(result).toBe(sa === sb);
        },
      ),
    );
  });

  test("without checksum, sizes and times decide exactly as the rules say", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(3),
        fc.nat(3),
        fc.integer({ min: -3000, max: 3000 }),
        fc.boolean(),
        fc.boolean(),
        async (sa, sb, dt, ignoreSize, ignoreTime) => {
          const result = await equal(
            { size: sa, modTime: now },
            { size: sb, modTime: now + dt },
            { ignoreSize, ignoreTime },
          );
          const sizesOk = ignoreSize || sa === sb;
          const timesOk = ignoreTime || Math.abs(dt) <= MOD_TIME_TOLERANCE_MS;
          expect(result).toBe(sizesOk && timesOk);
        },
      ),
    );
  });
});
