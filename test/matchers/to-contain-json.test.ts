import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type JsonValue, MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

describe.each(SUBJECT_KINDS)("toContainJSON on a %s subject", (kind) => {
  const sync = SYNC_KINDS.has(kind);
  const subject = () => SUBJECTS[kind](MemoryBackend.from(SEED));

  test("passes for a subset of the parsed JSON, like toMatchObject", async () => {
    await passes(() => expect(subject()).toContainJSON("reports/2024.json", { year: 2024 }), sync);
    await passes(
      () => expect(subject()).toContainJSON("reports/2024.json", { rows: [{ id: 1 }] }),
      sync,
    );
  });

  test("accepts asymmetric matchers anywhere inside the expected value", async () => {
    await passes(
      () =>
        expect(subject()).toContainJSON("reports/2024.json", {
          year: expect.any(Number),
          rows: expect.arrayContaining([expect.objectContaining({ total: 10 })]),
        }),
      sync,
    );
  });

  test("arrays match element by element, so a shorter array fails", async () => {
    await passes(
      () => expect(subject()).not.toContainJSON("reports/2024.json", { rows: [] }),
      sync,
    );
  });

  test("a mismatch fails with a JSON diff of only the keys the expected value names", async () => {
    const message = await failureOf(
      () =>
        expect(subject()).toContainJSON("reports/2024.json", {
          year: 2025,
          rows: [{ id: expect.any(Number), total: 11 }],
        }),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toContainJSON(path, expected)

      File "reports/2024.json" does not contain the expected JSON.

      - Expected
      + Received

        {
          "rows": [
            {
              "id": Any<Number>,
      -       "total": 11,
      +       "total": 10,
            },
          ],
      -   "year": 2025,
      +   "year": 2024,
        }

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test("a file that is not JSON fails saying why, with its content", async () => {
    const message = await failureOf(
      () => expect(subject()).toContainJSON("notes.txt", { year: 2024 }),
      sync,
    );
    expect(message).toContain(`File "notes.txt" is not valid JSON: Unexpected token`);
    expect(message).toContain(`Received content: "hello\nworld\n"`);
  });

  test("a missing file fails naming the nearest paths", async () => {
    const message = await failureOf(
      () => expect(subject()).toContainJSON("reports/2025.json", { year: 2025 }),
      sync,
    );
    expect(message).toContain(
      `Nothing exists at "reports/2025.json". Did you mean one of "reports/2023.json", "reports/2024.json"?`,
    );
  });

  test(".not passes for a mismatch, a missing file or invalid JSON", async () => {
    await passes(() => expect(subject()).not.toContainJSON("reports/2024.json", { year: 1 }), sync);
    await passes(() => expect(subject()).not.toContainJSON("missing.json", { year: 1 }), sync);
    await passes(() => expect(subject()).not.toContainJSON("notes.txt", { year: 1 }), sync);
  });

  test(".not fails when the JSON matches, printing the parsed value", async () => {
    const message = await failureOf(
      () => expect(subject()).not.toContainJSON("reports/2023.json", { year: 2023 }),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).not.toContainJSON(path, expected)

      Expected "reports/2023.json" not to contain this JSON, but it does:

      Object {
        "rows": Array [],
        "year": 2023,
      }

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });
});

describe("toContainJSON rules", () => {
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
  const object = fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 5 });

  test("any object contains any subset of its own keys, and not a key it lacks", () => {
    fc.assert(
      fc.property(
        object,
        fc.array(fc.boolean()),
        fc.string({ maxLength: 4 }),
        (value, keep, extra) => {
          const backend = MemoryBackend.from({ "data.json": value });
          const keys = Object.keys(value);
          const subset = Object.fromEntries(
            keys.filter((_, i) => keep[i] ?? true).map((key) => [key, value[key]]),
          );
          expect(backend).toContainJSON("data.json", subset);
          if (!keys.includes(extra)) {
            expect(backend).not.toContainJSON("data.json", { ...subset, [extra]: "missing" });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test("expected undefined is a usage TypeError", () => {
    const backend = MemoryBackend.from(SEED);
    expect(() => expect(backend).toContainJSON("reports/2024.json", undefined)).toThrow(TypeError);
  });
});
