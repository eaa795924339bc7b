import { describe, expect, test } from "vitest";
import { InvalidPathError } from "../../src/core/errors.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECT_KINDS, SUBJECTS, SYNC_KINDS } from "./helpers.js";
import { SEED } from "./seed.js";

describe.each(SUBJECT_KINDS)("toHaveFile on a %s subject", (kind) => {
  const sync = SYNC_KINDS.has(kind);
  const subject = () => SUBJECTS[kind](MemoryBackend.from(SEED));

  test("passes for an existing file, also under an unnormalised spelling", async () => {
    await passes(() => expect(subject()).toHaveFile("reports/2024.json"), sync);
    await passes(() => expect(subject()).toHaveFile("/reports//./2024.json"), sync);
  });

  test("compares a string as exact UTF-8 text and a Uint8Array as exact bytes", async () => {
    await passes(() => expect(subject()).toHaveFile("notes.txt", "hello\nworld\n"), sync);
    await passes(
      () =>
        expect(subject()).toHaveFile("logo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])),
      sync,
    );
    await passes(() => expect(subject()).not.toHaveFile("notes.txt", "hello\nworld"), sync);
  });

  test("tests a RegExp against the text and hands asymmetric matchers the text", async () => {
    await passes(() => expect(subject()).toHaveFile("notes.txt", /^hello$/m), sync);
    await passes(
      () => expect(subject()).toHaveFile("notes.txt", expect.stringContaining("wor")),
      sync,
    );
    await passes(() => expect(subject()).not.toHaveFile("notes.txt", /bye/), sync);
  });

  test("hands asymmetric matchers the parsed value of a .json file too", async () => {
    const matcher = expect.objectContaining({ year: 2024 });
    await passes(() => expect(subject()).toHaveFile("reports/2024.json", matcher), sync);
    await passes(() => expect(subject()).not.toHaveFile("notes.txt", matcher), sync);
  });

  test("a missing file fails naming the nearest existing paths and the tree", async () => {
    const message = await failureOf(() => expect(subject()).toHaveFile("reports/2024.jsn"), sync);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveFile(path)

      Nothing exists at "reports/2024.jsn". Did you mean one of "reports/2024.json", "reports/2023.json"?

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test("a path below a file fails saying that file is in the way", async () => {
    const message = await failureOf(() => expect(subject()).toHaveFile("notes.txt/draft"), sync);
    expect(message).toContain(`"notes.txt" is a file, so nothing can exist below it.`);
  });

  test("a directory is not a file", async () => {
    const message = await failureOf(() => expect(subject()).toHaveFile("reports"), sync);
    expect(message).toContain(`"reports" is a directory (2 files below it), not a file.`);
  });

  test("other text fails with a line diff", async () => {
    const message = await failureOf(
      () => expect(subject()).toHaveFile("notes.txt", "hello\nWorld\n"),
      sync,
    );
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveFile(path, expected)

      File "notes.txt" has other content.

      - Expected
      + Received

        hello
      - World
      + world

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test("other bytes fail with the sizes and the first differing byte", async () => {
    const message = await failureOf(
      () => expect(subject()).toHaveFile("logo.png", new Uint8Array([0x89, 0x50, 0x4f])),
      sync,
    );
    expect(message).toContain(
      "Expected 3 bytes, received 7 bytes; they first differ at byte 2 (expected 0x4f, received 0x4e).",
    );
  });

  test("a RegExp or asymmetric matcher that fails shows the content", async () => {
    const regexp = await failureOf(() => expect(subject()).toHaveFile("notes.txt", /bye/), sync);
    expect(regexp).toContain(
      'Expected content matching: /bye/\nReceived content: "hello\nworld\n"',
    );
    const asymmetric = await failureOf(
      () => expect(subject()).toHaveFile("notes.txt", expect.stringContaining("bye")),
      sync,
    );
    expect(asymmetric).toContain('Expected content: StringContaining "bye"');
  });

  test(".not passes for a missing file and fails for an existing one, quoting it", async () => {
    await passes(() => expect(subject()).not.toHaveFile("missing.txt"), sync);
    const message = await failureOf(() => expect(subject()).not.toHaveFile("notes.txt"), sync);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).not.toHaveFile(path)

      Expected no file at "notes.txt", but there is one:

      "hello
      world
      "

      Backend holds 4 files:
        logo.png
        notes.txt
        reports/
          2023.json
          2024.json"
    `);
  });

  test(".not with content fails when the content matches", async () => {
    const message = await failureOf(
      () => expect(subject()).not.toHaveFile("notes.txt", expect.stringContaining("hello")),
      sync,
    );
    expect(message).toContain(`Expected "notes.txt" not to have this content, but it does:`);
  });
});

describe("toHaveFile usage errors", () => {
  const backend = MemoryBackend.from(SEED);

  test("a subject that is not a backend is a TypeError naming what is accepted", () => {
    expect(() => expect({ list: 1 }).toHaveFile("a")).toThrow(TypeError);
    expect(() => expect(42).toHaveFile("a")).toThrow(
      /received value must be a MemoryBackend, the useMemoryBackend\(\) handle, or any other Backend/,
    );
  });

  test("expected content of another type is a TypeError pointing to toContainJSON", () => {
    expect(() => expect(backend).toHaveFile("a", { year: 1 } as never)).toThrow(/toContainJSON/);
  });

  test("an invalid path is an InvalidPathError naming the matcher", () => {
    expect(() => expect(backend).toHaveFile("../etc/passwd")).toThrow(InvalidPathError);
    expect(() => expect(backend).toHaveFile("")).toThrow(/toHaveFile/);
  });

  test("the subject is checked before the arguments", () => {
    expect(() => expect(42).toHaveFile("../x")).toThrow(TypeError);
  });
});
