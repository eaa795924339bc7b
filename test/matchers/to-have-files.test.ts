import { describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

describe.each(SUBJECT_KINDS)("toHaveFiles on a %s subject", (kind) => {
  const sync = SYNC_KINDS.has(kind);
  const subject = () => SUBJECTS[kind](MemoryBackend.from(SEED));

  test("passes when every path is a file", async () => {
    await passes(() => expect(subject()).toHaveFiles(["notes.txt", "/reports/2023.json"]), sync);
  });

  test("fails listing each missing path with its nearest existing path", async () => {
    const message = await failureOf(
      () => expect(subject()).toHaveFiles(["notes.txt", "note.txt", "reports", "x/y/z.bin"]),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveFiles(paths)

      Missing 3 of 4 files:
        "note.txt" (did you mean "notes.txt"?)
        "reports" (is a directory)
        "x/y/z.bin"

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test(".not passes only when none of the paths is a file", async () => {
    await passes(() => expect(subject()).not.toHaveFiles(["a.tmp", "b.tmp", "reports"]), sync);
    const message = await failureOf(
      () => expect(subject()).not.toHaveFiles(["a.tmp", "notes.txt", "logo.png"]),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).not.toHaveFiles(paths)

      Expected none of these files, but 2 exist:
        "notes.txt"
        "logo.png"

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });
});

describe("toHaveFiles usage errors", () => {
  test("an empty or non-array list is a usage TypeError", () => {
    const backend = MemoryBackend.from(SEED);
    expect(() => expect(backend).toHaveFiles([])).toThrow(TypeError);
    expect(() => expect(backend).toHaveFiles("notes.txt" as never)).toThrow(/non-empty array/);
  });
});
