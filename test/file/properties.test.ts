import { rm } from "node:fs/promises";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFile, writeFile } from "../../src/core/helpers.js";
import { normalizePrefix } from "../../src/core/paths.js";
import { FileBackend } from "../../src/file/index.js";
import { tempDir } from "./disk.js";

// A small alphabet so that generated paths share prefixes, and characters whose UTF-16 order
// differs from code point and locale order.
const segment = fc.constantFrom("a", "b", "ab", "a.b", "a-", "Z", "é", "\u{1F600}", "\uFF61");
const filePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));

/** Paths of which none is an ancestor of another, so they can all be files at once. */
const fileSet = fc
  .uniqueArray(filePath, { minLength: 0, maxLength: 8 })
  .map((paths) => paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`))));

const prefixOf = (paths: string[]) =>
  fc.oneof(
    paths.length === 0
      ? fc.constant("")
      : fc
          .tuple(fc.constantFrom(...paths), fc.nat())
          .map(([p, n]) => p.slice(0, n % (p.length + 1))),
    fc
      .array(fc.constantFrom("a", "b", "/", ".", "..", "é", "Z"), { maxLength: 5 })
      .map((parts) => parts.join("")),
  );

describe("FileBackend properties", () => {
  let base: string;
  let runs = 0;
  beforeAll(async () => {
    base = await tempDir("props");
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });
  const fresh = () => new FileBackend({ root: `${base}/run-${runs++}` });

  test("list(prefix) is exactly the stored files that start with the prefix, in UTF-16 order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fileSet.chain((paths) =>
          fc.tuple(fc.constant(paths), fc.array(prefixOf(paths), { maxLength: 4 })),
        ),
        async ([paths, prefixes]) => {
          const backend = fresh();
          for (const p of paths) await writeFile(backend, p, p);
          for (const prefix of ["", ...prefixes]) {
            const want = normalizePrefix(prefix);
            const expected = paths.filter((p) => p.startsWith(want)).sort();
            expect(await backend.list(prefix)).toEqual(expected);
          }
          await backend.close();
          await rm(backend.root, { recursive: true });
        },
      ),
      { numRuns: 40 },
    );
  });

  test("a read with offset and limit gives exactly that slice of the content", async () => {
    const backend = fresh();
    const content = fc.uint8Array({ maxLength: 150_000 });
    await fc.assert(
      fc.asyncProperty(
        content,
        fc.nat(160_000),
        fc.option(fc.nat(160_000)),
        async (data, offset, limit) => {
          await writeFile(backend, "f.bin", data);
          const got = await readFile(backend, "f.bin", { offset, limit: limit ?? undefined });
          const end = limit === null ? data.length : offset + limit;
          expect(Buffer.compare(got, data.subarray(offset, end))).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
    await backend.close();
  });

  test("a writer's modTime reads back from stat to the millisecond", async () => {
    const backend = fresh();
    const date = fc.date({
      min: new Date(0),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    });
    await fc.assert(
      fc.asyncProperty(date, async (modTime) => {
        await writeFile(backend, "t.txt", "t", { modTime });
        expect((await backend.stat("t.txt")).modTime.getTime()).toBe(modTime.getTime());
      }),
      { numRuns: 100 },
    );
    await backend.close();
  });
});
