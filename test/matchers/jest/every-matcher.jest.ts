// Every matcher under Jest, the journal ones included: it passes, it fails with a message
// (checked for its key sentence and snapshotted whole), and `.not` works both ways.
import { stripVTControlCharacters } from "node:util";
import { beforeAll, describe, expect, test } from "@jest/globals";
import { matchers } from "../../../matchers/index.js";
import { writeFile } from "../../../src/core/helpers.js";
import { MemoryBackend } from "../../../src/memory/index.js";

expect.extend(matchers);

// Jest's `expect` typed loosely here: the matcher types are proven by test/types/.
type Loose = Record<string, (...args: unknown[]) => unknown> & {
  not: Record<string, (...args: unknown[]) => unknown>;
};
const on = (subject: unknown): Loose => expect(subject) as unknown as Loose;

function failure(assertion: () => unknown): string {
  try {
    assertion();
  } catch (err) {
    return stripVTControlCharacters((err as Error).message).replace(/[ \t]+$/gm, "");
  }
  throw new Error("expected the assertion to fail");
}

let backend: MemoryBackend;
let other: MemoryBackend;

beforeAll(async () => {
  backend = MemoryBackend.from({ "notes.txt": "hello\n", "reports/2024.json": { year: 2024 } });
  backend.clearJournal();
  await writeFile(backend, "out/report.txt", "done");
  await backend.copy("notes.txt", "archive/notes.txt");
  await backend.move("out/report.txt", "out/final.txt");
  await backend.delete("archive/notes.txt");
  other = MemoryBackend.from({ "notes.txt": "hello\n", "reports/2024.json": { year: 2023 } });
});

/** name, arguments that pass, arguments that fail, and the sentence the failure must hold. */
const cases: [string, unknown[], unknown[], RegExp][] = [
  ["toHaveFile", ["notes.txt", "hello\n"], ["notes.txt", "bye\n"], /notes\.txt/],
  [
    "toContainJSON",
    ["reports/2024.json", { year: 2024 }],
    ["reports/2024.json", { year: 1 }],
    /does not contain the expected JSON/,
  ],
  ["toHaveFiles", [["notes.txt", "reports/2024.json"]], [["nope.txt", "gone.txt"]], /nope\.txt/],
  ["toHaveDirectory", ["reports"], ["notes.txt"], /notes\.txt/],
  ["toHaveFileCount", [3], [5], /Expected 5 files, received 3/],
  [
    "toMatchTree",
    [{ "notes.txt": "hello\n", "out/final.txt": "done", "reports/2024.json": { year: 2024 } }],
    [{ "notes.txt": "hello\n" }],
    /reports\/2024\.json/,
  ],
  ["toHaveWritten", ["out/report.txt", 1], ["notes.txt"], /notes\.txt/],
  [
    "toHaveCopied",
    ["notes.txt", "archive/notes.txt"],
    ["notes.txt", "elsewhere.txt"],
    /elsewhere\.txt/,
  ],
  [
    "toHaveMoved",
    ["out/report.txt", "out/final.txt"],
    ["out/final.txt", "out/report.txt"],
    /out\/final\.txt/,
  ],
  ["toHaveDeleted", ["archive/notes.txt"], ["notes.txt"], /notes\.txt/],
];

describe("every matcher under Jest", () => {
  test.each(cases)(
    "%s passes, fails with a message, and works with .not",
    (name, good, bad, sentence) => {
      on(backend)[name]?.(...good);
      on(backend).not[name]?.(...bad);
      const message = failure(() => on(backend)[name]?.(...bad));
      expect(message).toContain(`expect(backend).${name}(`);
      expect(message).toMatch(sentence);
      expect(message).toMatchSnapshot("failure");
      const negated = failure(() => on(backend).not[name]?.(...good));
      expect(negated).toContain(`.not.${name}(`);
      expect(negated).toMatchSnapshot(".not failure");
    },
  );

  test("toMatchBackend passes on an equal backend, fails listing the change, and works with .not", () => {
    on(backend).not.toMatchBackend?.(other);
    const message = failure(() => on(backend).toMatchBackend?.(other));
    expect(message).toContain("~ changed");
    expect(message).toContain("reports/2024.json");
    expect(message).toMatchSnapshot();
    const twin = MemoryBackend.from(backend.toJSON());
    on(backend).toMatchBackend?.(twin);
    expect(failure(() => on(backend).not.toMatchBackend?.(twin))).toContain(".not.toMatchBackend(");
  });
});
