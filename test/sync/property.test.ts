import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { ExtendedBackend } from "../../src/core/types.js";
import type { CompareOptions, SyncFilter } from "../../src/sync/index.js";
import { check, sync } from "../../src/sync/index.js";
import { takesPart } from "./filter-oracle.js";
import { contents, seed } from "./helpers.js";
import { PAIRS } from "./pairs.js";

const T0 = Date.UTC(2024, 0, 1);

type Files = Record<string, { content: string; modTime: Date }>;

/** Drops every path that is a folder of another, so the set is a valid tree. */
function asTree(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`)));
}

const fileValue = fc.record({
  content: fc.string({ maxLength: 12 }),
  // Steps of half a second exercise the 1 s tolerance on both sides of it.
  modTime: fc.integer({ min: 0, max: 6 }).map((k) => new Date(T0 + k * 500)),
});

/** Any names, so a path can be a file on one side and a folder on the other. */
const anyTree = fc
  .uniqueArray(
    fc
      .array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 })
      .map((s) => s.join("/")),
    { maxLength: 10 },
  )
  .map(asTree)
  .chain((paths) =>
    fc.tuple(...paths.map(() => fileValue)).map((values) => toFiles(paths, values)),
  );

/** Files carry an extension and folders never do: no file/folder clashes. */
const cleanTree = fc
  .uniqueArray(
    fc
      .tuple(
        fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 2 }),
        fc.constantFrom("c.txt", "d.txt", "e.log", "f.json"),
      )
      .map(([dirs, name]) => [...dirs, name].join("/")),
    { maxLength: 10 },
  )
  .chain((paths) =>
    fc.tuple(...paths.map(() => fileValue)).map((values) => toFiles(paths, values)),
  );

function toFiles(paths: string[], values: { content: string; modTime: Date }[]): Files {
  const files: Files = {};
  paths.forEach((p, i) => {
    files[p] = values[i] as { content: string; modTime: Date };
  });
  return files;
}

const compareOptions: fc.Arbitrary<CompareOptions> = fc.constantFrom(
  {},
  { checksum: true },
  { sizeOnly: true },
  { ignoreTime: true },
  { ignoreSize: true },
  { checksum: true, ignoreSize: true },
);

const filterArb: fc.Arbitrary<SyncFilter> = fc.record({
  include: fc.constantFrom(undefined, "*.txt", ["*.txt", "*.log"], "a/**"),
  exclude: fc.constantFrom(undefined, "*.log", "b/", ["a/*.txt", "**/d.txt"], "c/c.txt"),
});

function pick(tree: Record<string, string>, keep: (path: string) => boolean) {
  return Object.fromEntries(Object.entries(tree).filter(([p]) => keep(p)));
}

async function withPair<T>(
  make: () => Promise<{ src: ExtendedBackend; dst: ExtendedBackend; cleanup(): Promise<void> }>,
  run: (src: ExtendedBackend, dst: ExtendedBackend) => Promise<T>,
) {
  const pair = await make();
  try {
    return await run(pair.src, pair.dst);
  } finally {
    await pair.cleanup();
  }
}

describe.each(PAIRS)("sync properties $name", (kind) => {
  // Disk runs cost a temp folder each; the machine is shared, so keep them few but real.
  const numRuns = kind.name.includes("file") ? 15 : 100;

  test("after sync with deleteExtra, check reports in sync under the same comparison rules", async () => {
    await fc.assert(
      fc.asyncProperty(anyTree, anyTree, compareOptions, async (srcFiles, dstFiles, options) =>
        withPair(kind.make, async (src, dst) => {
          await seed(src, srcFiles);
          await seed(dst, dstFiles);
          const result = await sync(src, dst, "", "", { ...options, deleteExtra: true });
          expect(result.errors).toEqual([]);
          expect((await check(src, dst, "", "", options)).inSync).toBe(true);
          const again = await sync(src, dst, "", "", { ...options, deleteExtra: true });
          expect(again).toMatchObject({ copied: 0, updated: 0, deleted: 0 });
        }),
      ),
      { numRuns },
    );
  }, 60_000);

  test("with checksum, the destination tree equals the source tree afterwards", async () => {
    await fc.assert(
      fc.asyncProperty(anyTree, anyTree, async (srcFiles, dstFiles) =>
        withPair(kind.make, async (src, dst) => {
          await seed(src, srcFiles);
          await seed(dst, dstFiles);
          const before = await contents(src);
          const result = await sync(src, dst, "", "", { deleteExtra: true, checksum: true });
          expect(result.success).toBe(true);
          expect(await contents(dst)).toEqual(before);
          expect(await contents(src)).toEqual(before);
          expect(result.copied + result.updated + result.skipped).toBe(Object.keys(before).length);
        }),
      ),
      { numRuns },
    );
  }, 60_000);

  test("with filters, included files are mirrored and excluded ones untouched on both sides", async () => {
    await fc.assert(
      fc.asyncProperty(cleanTree, cleanTree, filterArb, async (srcFiles, dstFiles, filter) =>
        withPair(kind.make, async (src, dst) => {
          await seed(src, srcFiles);
          await seed(dst, dstFiles);
          const [srcBefore, dstBefore] = [await contents(src), await contents(dst)];
          const result = await sync(src, dst, "", "", {
            deleteExtra: true,
            checksum: true,
            filter,
          });
          expect(result.success).toBe(true);
          const dstAfter = await contents(dst);
          const inside = (p: string) => takesPart(filter, p);
          expect(pick(dstAfter, inside)).toEqual(pick(srcBefore, inside));
          expect(pick(dstAfter, (p) => !inside(p))).toEqual(pick(dstBefore, (p) => !inside(p)));
          expect(await contents(src)).toEqual(srcBefore);
        }),
      ),
      { numRuns },
    );
  }, 60_000);

  test("a dry run changes nothing and predicts the real run's counts", async () => {
    await fc.assert(
      fc.asyncProperty(anyTree, anyTree, compareOptions, async (srcFiles, dstFiles, options) =>
        withPair(kind.make, async (src, dst) => {
          await seed(src, srcFiles);
          await seed(dst, dstFiles);
          const before = [await contents(src), await contents(dst)];
          const all = { ...options, deleteExtra: true };
          const dry = await sync(src, dst, "", "", { ...all, dryRun: true });
          expect([await contents(src), await contents(dst)]).toEqual(before);
          const real = await sync(src, dst, "", "", all);
          for (const key of [
            "copied",
            "updated",
            "deleted",
            "skipped",
            "bytesTransferred",
          ] as const) {
            expect(dry[key]).toBe(real[key]);
          }
        }),
      ),
      { numRuns },
    );
  }, 60_000);
});
