import { describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

describe.each(SUBJECT_KINDS)("toHaveFileCount on a %s subject", (kind) => {
  const sync = SYNC_KINDS.has(kind);
  const subject = (tree = SEED) => SUBJECTS[kind](MemoryBackend.from(tree));

  test("counts files, not directories", async () => {
    await passes(() => expect(subject()).toHaveFileCount(4), sync);
    await passes(() => expect(subject({ a: null, "b/c": null })).toHaveFileCount(0), sync);
  });

  test("fails with both counts and the tree", async () => {
    const message = await failureOf(() => expect(subject()).toHaveFileCount(1), sync);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveFileCount(count)

      Expected 1 file, received 4.

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test(".not passes for another count and fails for the same", async () => {
    await passes(() => expect(subject()).not.toHaveFileCount(0), sync);
    const message = await failureOf(() => expect(subject()).not.toHaveFileCount(4), sync);
    expect(message).toContain("Expected the backend not to hold 4 files, but it does.");
  });
});

describe("toHaveFileCount usage errors", () => {
  test("a negative, fractional or non-number count is a usage TypeError", () => {
    const backend = new MemoryBackend();
    expect(() => expect(backend).toHaveFileCount(-1)).toThrow(TypeError);
    expect(() => expect(backend).toHaveFileCount(1.5)).toThrow(/non-negative integer/);
    expect(() => expect(backend).toHaveFileCount("1" as never)).toThrow(TypeError);
  });
});
