import { describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

describe.each(SUBJECT_KINDS)("toHaveDirectory on a %s subject", (kind) => {
  const sync = SYNC_KINDS.has(kind);
  const subject = () => SUBJECTS[kind](MemoryBackend.from(SEED));

  test("passes for a directory implied by files and for an empty one made by mkdir", async () => {
    await passes(() => expect(subject()).toHaveDirectory("reports"), sync);
    await passes(() => expect(subject()).toHaveDirectory("reports/"), sync);
    await passes(() => expect(subject()).toHaveDirectory("archive"), sync);
  });

  test("a missing directory fails naming the nearest directory", async () => {
    const message = await failureOf(() => expect(subject()).toHaveDirectory("report"), sync);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveDirectory(path)

      Nothing exists at "report". Did you mean "reports"?

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test("a file is not a directory", async () => {
    const message = await failureOf(() => expect(subject()).toHaveDirectory("notes.txt"), sync);
    expect(message).toContain(`"notes.txt" is a file, not a directory.`);
  });

  test(".not passes for a file or nothing, and fails for a directory", async () => {
    await passes(() => expect(subject()).not.toHaveDirectory("notes.txt"), sync);
    await passes(() => expect(subject()).not.toHaveDirectory("tmp"), sync);
    const message = await failureOf(() => expect(subject()).not.toHaveDirectory("reports"), sync);
    expect(message).toContain(
      `Expected no directory at "reports", but there is one (2 files below it).`,
    );
  });
});
