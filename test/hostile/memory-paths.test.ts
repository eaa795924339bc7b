import { describe, expect, test } from "vitest";
import { isInvalidPath } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { corpus, distinctPairs } from "./corpus.js";
import { type HostileTarget, runHostilePath } from "./run-corpus.js";

const memory: HostileTarget = {
  create: async () => new MemoryBackend(),
  snapshot: async (b: ExtendedBackend) => {
    const m = b as MemoryBackend;
    return { tree: m.toJSON(), files: m.listSync(""), size: m.size(), count: m.count() };
  },
  strict: true,
};

describe("hostile paths through every MemoryBackend operation", () => {
  test("the corpus holds at least 60 paths, each label once", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((c) => c.label)).size).toBe(corpus.length);
  });

  test.each(corpus.map((c) => [c.label, c] as const))(
    "%s: each call works or is a typed error, a rejected call changes nothing, a valid name is ordinary",
    async (_label, entry) => {
      const rejected = await runHostilePath(memory, entry);
      // An invalid path is refused by every call but list (whose prefix is a plain string).
      if (entry.key === "invalid") expect(rejected).toBeGreaterThan(25);
    },
  );

  test.each(distinctPairs.map(([label, a, b]) => [label, a, b] as const))(
    "%s stay two distinct keys",
    async (_label, a, b) => {
      const backend = new MemoryBackend();
      await writeFile(backend, a, "first");
      await writeFile(backend, b, "second");
      expect(await readText(backend, a)).toBe("first");
      expect(await readText(backend, b)).toBe("second");
      expect(await backend.list("")).toHaveLength(2);
      expect(backend.count()).toBe(2);
    },
  );

  test("seeding with a tree holding an invalid path stores nothing and names the path", () => {
    const backend = MemoryBackend.from({ "keep.txt": "k" });
    for (const entry of corpus.filter((c) => c.key === "invalid")) {
      let thrown: unknown;
      try {
        backend.load({ "fine.txt": "f", [entry.path]: "x" });
      } catch (err) {
        thrown = err;
      }
      expect(isInvalidPath(thrown), entry.label).toBe(true);
      expect(backend.toJSON()).toEqual({ "keep.txt": "k" });
    }
  });

  test("a tree of every valid corpus path round-trips through from and toJSON", () => {
    // One folder per entry, so that no entry's key is another's parent directory.
    const valid = corpus.filter((c) => c.key !== "invalid");
    const tree = Object.fromEntries(valid.map((c, i) => [`k${i}/${c.key}`, c.label]));
    const backend = MemoryBackend.from(tree);
    expect(backend.toJSON()).toEqual(tree);
  });
});
