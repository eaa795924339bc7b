import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storageContent } from "../../fixtures/fast-check/arbitraries/content.js";
import { storageTree } from "../../fixtures/fast-check/arbitraries/tree.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

describe.each(SUBJECT_KINDS)("toMatchBackend on a %s subject", (kind) => {
  const subject = (tree = SEED) => SUBJECTS[kind](MemoryBackend.from(tree));

  test.each(SUBJECT_KINDS)("passes for the same files, against a %s backend", async (other) => {
    const sync = SYNC_KINDS.has(kind) && SYNC_KINDS.has(other);
    await passes(
      () => expect(subject()).toMatchBackend(SUBJECTS[other](MemoryBackend.from(SEED))),
      sync,
    );
  });

  test("fails listing added, removed and changed paths, with a diff of each changed text", async () => {
    const source = MemoryBackend.from({
      "notes.txt": "hello\nthere\n",
      "logo.png": new Uint8Array([1, 2, 3]),
      "reports/2023.json": { year: 2023, rows: [] },
      "reports/2025.json": { year: 2025 },
    });
    const message = await failureOf(
      () => expect(subject()).toMatchBackend(source),
      SYNC_KINDS.has(kind),
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toMatchBackend(other)

      4 differences:
        ~ changed  "logo.png"
        ~ changed  "notes.txt"
        + added    "reports/2024.json"
        - removed  "reports/2025.json"

      Changed "logo.png":
      Expected 3 bytes, received 7 bytes; they first differ at byte 0 (expected 0x01, received 0x89).

      Changed "notes.txt":
      - Expected
      + Received

        hello
      - there
      + world

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test(".not passes when the backends differ and fails when they hold the same files", async () => {
    const sync = SYNC_KINDS.has(kind);
    await passes(() => expect(subject()).not.toMatchBackend(new MemoryBackend()), sync);
    const message = await failureOf(
      () => expect(subject()).not.toMatchBackend(MemoryBackend.from(SEED)),
      sync,
    );
    expect(message).toContain("Expected the backends to differ, but they hold the same files.");
  });
});

describe("toMatchBackend rules", () => {
  test("a backend matches a copy of itself, and one changed file is reported as changed", () => {
    fc.assert(
      fc.property(storageTree({ maxEntries: 6 }), storageContent(), (tree, content) => {
        const backend = MemoryBackend.from(tree);
        const copy = MemoryBackend.from(tree);
        expect(backend).toMatchBackend(copy);
        const [first] = backend.listSync();
        if (first === undefined) return;
        const before = backend.readSync(first);
        copy.load({ [first]: content });
        const same = before.length === content.length && before.every((b, i) => b === content[i]);
        if (same) expect(backend).toMatchBackend(copy);
        else expect(() => expect(backend).toMatchBackend(copy)).toThrow(/~ changed {2}/);
      }),
      { numRuns: 100 },
    );
  });

  test("an argument that is not a backend is a usage TypeError about the expected value", () => {
    expect(() => expect(new MemoryBackend()).toMatchBackend({} as never)).toThrow(
      /expected value must be a MemoryBackend/,
    );
  });
});
