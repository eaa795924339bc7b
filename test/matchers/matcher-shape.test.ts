import { stripVTControlCharacters } from "node:util";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storageContent } from "../../fixtures/fast-check/arbitraries/content.js";
import { storagePath } from "../../fixtures/fast-check/arbitraries/path.js";
import { storageTree } from "../../fixtures/fast-check/arbitraries/tree.js";
import { type MatcherContext, type MatcherResult, matchers } from "../../matchers/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { extendedBackend, plainBackend, vitestMatcherContext } from "./helpers.js";

type Call = (ctx: MatcherContext, subject: unknown) => MatcherResult | Promise<MatcherResult>;

/** One call of each matcher, for a path and a content the property picks. */
function calls(path: string, content: Uint8Array, other: MemoryBackend): [string, Call][] {
  return [
    ["toHaveFile", (ctx, s) => matchers.toHaveFile.call(ctx, s, path)],
    ["toHaveFile with content", (ctx, s) => matchers.toHaveFile.call(ctx, s, path, content)],
    ["toContainJSON", (ctx, s) => matchers.toContainJSON.call(ctx, s, path, { a: 1 })],
    ["toHaveFiles", (ctx, s) => matchers.toHaveFiles.call(ctx, s, [path, "a"])],
    ["toHaveDirectory", (ctx, s) => matchers.toHaveDirectory.call(ctx, s, path)],
    ["toHaveFileCount", (ctx, s) => matchers.toHaveFileCount.call(ctx, s, 2)],
    ["toMatchTree", (ctx, s) => matchers.toMatchTree.call(ctx, s, { [path]: content })],
    ["toMatchBackend", (ctx, s) => matchers.toMatchBackend.call(ctx, s, other)],
  ];
}

const isThenable = (value: unknown) =>
  typeof (value as { then?: unknown } | null)?.then === "function";

describe("every matcher", () => {
  const runner = vitestMatcherContext();
  const as = (isNot: boolean): MatcherContext => ({ ...runner, isNot });
  const cases = fc.record({
    tree: storageTree({ maxEntries: 8 }),
    path: storagePath({ odd: false }),
    content: storageContent(),
    other: storageTree({ maxEntries: 3 }),
  });

  test("answers synchronously on a MemoryBackend and with a Promise on any other backend", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ tree, path, content, other }) => {
        for (const [, call] of calls(path, content, MemoryBackend.from(other))) {
          const memory = MemoryBackend.from(tree);
          const now = call(as(false), memory);
          expect(isThenable(now)).toBe(false);
          const later = call(as(false), plainBackend(memory));
          expect(isThenable(later)).toBe(true);
          expect((await later).pass).toBe((now as MatcherResult).pass);
        }
      }),
      { numRuns: 60 },
    );
  });

  test("gives the same failure message whichever kind of backend holds the files", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ tree, path, content, other }) => {
        for (const [name, call] of calls(path, content, MemoryBackend.from(other))) {
          for (const isNot of [false, true]) {
            const memory = MemoryBackend.from(tree);
            const sync = call(as(isNot), memory) as MatcherResult;
            if (sync.pass !== isNot) continue;
            for (const wrap of [plainBackend, extendedBackend]) {
              const async = await call(as(isNot), wrap(memory));
              expect(async.message(), name).toBe(sync.message());
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  test("computes pass without looking at .not, except toHaveFiles", () => {
    fc.assert(
      fc.property(cases, ({ tree, path, content, other }) => {
        for (const [name, call] of calls(path, content, MemoryBackend.from(other))) {
          if (name === "toHaveFiles") continue;
          const memory = MemoryBackend.from(tree);
          const plain = call(as(false), memory) as MatcherResult;
          const negated = call(as(true), memory) as MatcherResult;
          expect(negated.pass, name).toBe(plain.pass);
        }
      }),
      { numRuns: 100 },
    );
  });

  test("toHaveFiles passes under .not only when none of the files exists", () => {
    fc.assert(
      fc.property(
        storageTree({ maxEntries: 8 }),
        fc.array(storagePath({ odd: false }), { minLength: 1, maxLength: 4 }),
        (tree, paths) => {
          const memory = MemoryBackend.from(tree);
          const files = memory.listSync();
          const some = paths.some((path) => files.includes(path));
          const all = paths.every((path) => files.includes(path));
          expect((matchers.toHaveFiles.call(as(false), memory, paths) as MatcherResult).pass).toBe(
            all,
          );
          // The runner fails `.not` when pass is true: so `.not` passes exactly when none exists.
          expect((matchers.toHaveFiles.call(as(true), memory, paths) as MatcherResult).pass).toBe(
            some,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  test("checks the subject before the arguments, and throws usage errors synchronously", () => {
    const bad = {
      toHaveFile: () => expect(42).toHaveFile("a", 42 as never),
      toContainJSON: () => expect(42).toContainJSON("a", undefined),
      toHaveFiles: () => expect(42).toHaveFiles([]),
      toHaveDirectory: () => expect(42).toHaveDirectory(""),
      toHaveFileCount: () => expect(42).toHaveFileCount(-1),
      toMatchTree: () => expect(42).toMatchTree(null as never),
      toMatchBackend: () => expect(42).toMatchBackend({} as never),
    };
    for (const [name, call] of Object.entries(bad)) {
      expect(call, name).toThrow(/received value must be a MemoryBackend/);
    }
    const remote = plainBackend(new MemoryBackend());
    expect(() => expect(remote).toHaveFileCount(-1)).toThrow(/non-negative integer/);
    expect(() => expect(remote).toHaveFile("../a")).toThrow(/toHaveFile/);
  });

  test("builds the message only when asked", () => {
    const memory = MemoryBackend.from({ "a.txt": "a" });
    let printed = 0;
    const counting: MatcherContext = {
      ...runner,
      isNot: false,
      utils: {
        ...runner.utils,
        printReceived: (value) => {
          printed++;
          return runner.utils.printReceived(value);
        },
      },
    };
    const result = matchers.toHaveFile.call(counting, memory, "b.txt") as MatcherResult;
    expect(result.pass).toBe(false);
    expect(printed).toBe(0);
    expect(stripVTControlCharacters(result.message())).toContain(`Nothing exists at "b.txt".`);
    expect(printed).toBeGreaterThan(0);
  });
});
