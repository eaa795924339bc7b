// The same matchers under Jest: Jest's own `this.equals`, printers and diff must give readable
// messages too (its diff takes expected first, like Vitest's), synchronously on a MemoryBackend
// and as a Promise on other backends.
import { stripVTControlCharacters } from "node:util";
import { describe, expect, test } from "@jest/globals";
import { matchers, serializer } from "../../../matchers/index.js";
import { MemoryBackend } from "../../../src/memory/index.js";
import { plainBackend } from "../backends.js";

expect.extend(matchers);
expect.addSnapshotSerializer(serializer);

const seed = () =>
  MemoryBackend.from({
    "notes.txt": "hello\nworld\n",
    "reports/2024.json": { year: 2024, rows: [{ id: 1 }] },
  });

function failure(assertion: () => unknown): string {
  try {
    assertion();
  } catch (err) {
    return stripVTControlCharacters((err as Error).message).replace(/[ \t]+$/gm, "");
  }
  throw new Error("expected the assertion to fail synchronously");
}

async function asyncFailure(assertion: () => Promise<unknown>): Promise<string> {
  try {
    await assertion();
  } catch (err) {
    return stripVTControlCharacters((err as Error).message).replace(/[ \t]+$/gm, "");
  }
  throw new Error("expected the assertion to fail");
}

describe("the matchers under Jest", () => {
  test("pass synchronously on a MemoryBackend, with .not and asymmetric matchers", () => {
    const backend = seed();
    expect(backend).toHaveFile("notes.txt", expect.stringContaining("world"));
    expect(backend).not.toHaveFile("missing.txt");
    expect(backend).toContainJSON("reports/2024.json", { rows: [{ id: expect.any(Number) }] });
    expect(backend).toHaveFiles(["notes.txt", "reports/2024.json"]);
    expect(backend).not.toHaveFiles(["a.tmp", "b.tmp"]);
    expect(backend).toHaveDirectory("reports");
    expect(backend).toHaveFileCount(2);
    expect(backend).toMatchTree({
      "notes.txt": /world/,
      "reports/2024.json": { year: 2024, rows: [{ id: 1 }] },
    });
    expect(backend).toMatchBackend(seed());
  });

  test("a missing file names the nearest path", () => {
    expect(failure(() => expect(seed()).toHaveFile("reports/2024.jsn"))).toMatchInlineSnapshot(`
"expect(backend).toHaveFile(path)

Nothing exists at "reports/2024.jsn". Did you mean "reports/2024.json"?

Backend holds 2 files:
  notes.txt
  reports/
    2024.json"
`);
  });

  test("a content mismatch shows Jest's diff, expected first", () => {
    expect(
      failure(() => expect(seed()).toHaveFile("notes.txt", "hello\nWorld\n")),
    ).toMatchInlineSnapshot(`
"expect(backend).toHaveFile(path, expected)

File "notes.txt" has other content.

- Expected
+ Received

  hello
- World
+ world

Backend holds 2 files:
  notes.txt
  reports/
    2024.json"
`);
  });

  test("a JSON mismatch shows a diff of the named keys only", () => {
    expect(
      failure(() =>
        expect(seed()).toContainJSON("reports/2024.json", {
          year: 2025,
          rows: [{ id: expect.any(Number) }],
        }),
      ),
    ).toMatchInlineSnapshot(`
"expect(backend).toContainJSON(path, expected)

File "reports/2024.json" does not contain the expected JSON.

- Expected
+ Received

  Object {
    "rows": Array [
      Object {
        "id": Any<Number>,
      },
    ],
-   "year": 2025,
+   "year": 2024,
  }

Backend holds 2 files:
  notes.txt
  reports/
    2024.json"
`);
  });

  test("toMatchBackend lists added, removed and changed paths", () => {
    const source = MemoryBackend.from({ "notes.txt": "hello\nthere\n", "new.txt": "n" });
    expect(failure(() => expect(seed()).toMatchBackend(source))).toMatchInlineSnapshot(`
"expect(backend).toMatchBackend(other)

3 differences:
  - removed  "new.txt"
  ~ changed  "notes.txt"
  + added    "reports/2024.json"

Changed "notes.txt":
- Expected
+ Received

  hello
- there
+ world

Backend holds 2 files:
  notes.txt
  reports/
    2024.json"
`);
  });

  test("on another backend the matchers return a Promise with the same message", async () => {
    const message = await asyncFailure(
      () => expect(plainBackend(seed())).toHaveFile("reports/2024.jsn") as Promise<void>,
    );
    expect(message).toBe(failure(() => expect(seed()).toHaveFile("reports/2024.jsn")));
    await expect(plainBackend(seed())).toHaveFileCount(2);
  });

  test("the serializer prints a backend as its tree", () => {
    expect(seed()).toMatchInlineSnapshot(`
MemoryBackend {
  "notes.txt": "hello
world
",
  "reports/2024.json": {
    "rows": [
      {
        "id": 1,
      },
    ],
    "year": 2024,
  },
}
`);
  });
});
