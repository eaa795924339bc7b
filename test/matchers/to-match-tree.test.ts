import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storageTree } from "../../fixtures/fast-check/arbitraries/tree.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

const LOGO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);

describe.each(SUBJECT_KINDS)("toMatchTree on a %s subject", (kind) => {
  const sync = SYNC_KINDS.has(kind);
  const subject = () => SUBJECTS[kind](MemoryBackend.from(SEED));

  test("passes for exactly these files: text, bytes, JSON values, matchers, directories", async () => {
    const tree = {
      "notes.txt": "hello\nworld\n",
      "logo.png": LOGO,
      "reports/2023.json": { rows: [], year: 2023 },
      "reports/2024.json": expect.objectContaining({ year: 2024 }),
      archive: null,
    };
    await passes(() => expect(subject()).toMatchTree(tree), sync);
  });

  test("compares JSON values after parsing, whatever the formatting", async () => {
    const compact = MemoryBackend.from({ "a.json": '{"b":[1,2],"a":true}' });
    await passes(
      () => expect(SUBJECTS[kind](compact)).toMatchTree({ "a.json": { a: true, b: [1, 2] } }),
      sync,
    );
  });

  test("fails listing missing, unexpected and changed files, with a diff per change", async () => {
    const message = await failureOf(
      () =>
        expect(subject()).toMatchTree({
          "notes.txt": "hello\nthere\n",
          "logo.png": LOGO,
          "reports/2023.json": { year: 2023, rows: [] },
          "reports/2025.json": { year: 2025 },
          "reports/2024.json": { year: 2024, rows: [] },
        }),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toMatchTree(tree)

      3 differences:
        ~ changed     "notes.txt"
        ~ changed     "reports/2024.json"
        - missing     "reports/2025.json" (did you mean one of "reports/2023.json", "reports/2024.json"?)

      Changed "notes.txt":
      - Expected
      + Received

        hello
      - there
      + world

      Changed "reports/2024.json":
      - Expected
      + Received

        {
      -   "rows": [],
      +   "rows": [
      +     {
      +       "id": 1,
      +       "total": 10,
      +     },
      +   ],
          "year": 2024,
        }

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test(".not passes when anything differs and fails when everything matches", async () => {
    await passes(() => expect(subject()).not.toMatchTree({ "notes.txt": "hello\nworld\n" }), sync);
    const message = await failureOf(
      () =>
        expect(SUBJECTS[kind](MemoryBackend.from({ "a.txt": "a" }))).not.toMatchTree({
          "a.txt": "a",
        }),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).not.toMatchTree(tree)

      Expected the backend not to match this tree, but it does.

      Backend holds 1 file:
        a.txt"
    `);
  });
});

describe("toMatchTree rules", () => {
  test("a backend built from any seed tree matches that tree", () => {
    fc.assert(
      fc.property(storageTree({ maxEntries: 8 }), (tree) => {
        expect(MemoryBackend.from(tree)).toMatchTree(tree);
      }),
      { numRuns: 150 },
    );
  });

  test("a missing expected directory is listed as missing", async () => {
    const backend = MemoryBackend.from({ "a.txt": "a" });
    const message = await failureOf(
      () => expect(backend).toMatchTree({ "a.txt": "a", logs: null }),
      true,
    );
    expect(message).toContain(`- missing     "logs" (expected a directory)`);
  });

  test("a tree value that cannot be compared is a usage TypeError naming its key", () => {
    const backend = new MemoryBackend();
    expect(() => expect(backend).toMatchTree({ "a.txt": undefined })).toThrow(/"a\.txt"/);
    expect(() => expect(backend).toMatchTree({ "a.txt": () => 1 })).toThrow(TypeError);
    expect(() => expect(backend).toMatchTree(["a.txt"] as never)).toThrow(TypeError);
  });

  test("two keys naming one path are a usage TypeError", () => {
    const backend = new MemoryBackend();
    expect(() => expect(backend).toMatchTree({ "a.txt": "a", "/a.txt": "a" })).toThrow(
      /same path "a\.txt"/,
    );
  });

  test("Vitest receives the trees as actual and expected, matched entries shown as expected", () => {
    const backend = MemoryBackend.from({ "a.json": { id: 7 }, "b.txt": "b" });
    let error: unknown;
    try {
      expect(backend).toMatchTree({ "a.json": { id: expect.any(Number) }, "c.txt": "c" });
    } catch (err) {
      error = err;
    }
    const { actual, expected } = error as { actual: unknown; expected: unknown };
    expect(actual).toEqual({ "a.json": { id: expect.any(Number) }, "b.txt": "b" });
    expect(expected).toEqual({ "a.json": { id: expect.any(Number) }, "c.txt": "c" });
  });
});
