// The report exporter's tests under Jest (CommonJS mode), using every part of omnistorage's
// toolkit. jest.config.cjs lists "omnistorage-ts/jest" in setupFilesAfterEnv, which registers the
// matchers and the snapshot serializer; importing it here gives useMemoryBackend and its types.
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { AlreadyExistsError, QuotaExceededError, readText } from "omnistorage-ts";
import { toTree, useMemoryBackend, withFreshBackend } from "omnistorage-ts/jest";
import { MemoryBackend } from "omnistorage-ts/memory";
import { parseCsv } from "../report-exporter/csv.js";
import { ExportError, exportReport, type Report } from "../report-exporter/report-exporter.js";

const q1: Report = {
  name: "Q1 Sales",
  generatedAt: new Date("2024-04-01T00:00:00Z"),
  columns: ["region", "total"],
  rows: [
    ["EU", 1200],
    ["US, East", 800],
  ],
};

describe("exportReport, with a fresh backend per test", () => {
  const backend = useMemoryBackend();

  test("writes the report as CSV and JSON, and lists it in the index", async () => {
    await exportReport(backend, q1);

    expect(backend).toHaveFiles(["reports/q1-sales.csv", "reports/q1-sales.json"]);
    expect(backend).toHaveDirectory("reports");
    expect(backend).toHaveFileCount(3);
    expect(backend).toHaveFile("reports/q1-sales.csv", 'region,total\nEU,1200\n"US, East",800\n');
    expect(backend).toHaveFile("reports/q1-sales.csv", /^region,total\n/);
    expect(backend).toHaveFile("reports/q1-sales.csv", expect.stringContaining('"US, East"'));
    expect(backend).toContainJSON("reports/q1-sales.json", {
      name: "Q1 Sales",
      rows: [{ region: "EU", total: 1200 }, expect.objectContaining({ region: "US, East" })],
    });
    expect(backend).toContainJSON("reports/index.json", [
      { slug: "q1-sales", rows: 2, generatedAt: expect.any(String) },
    ]);
  });

  test("writes nothing else (every matcher works with .not)", async () => {
    await exportReport(backend, q1);

    expect(backend).not.toHaveFile("q1-sales.csv"); // not at the top level
    expect(backend).not.toHaveFile("reports/q1-sales.csv", expect.stringContaining("\n\n"));
    expect(backend).not.toContainJSON("reports/q1-sales.json", { name: "Q2 Sales" });
    expect(backend).not.toHaveFiles(["reports/q2-sales.csv", "reports/q2-sales.json"]);
    expect(backend).not.toHaveDirectory("exports");
    expect(backend).not.toHaveFileCount(2);
    expect(backend).not.toMatchTree({ "reports/q1-sales.csv": expect.any(String) });
    expect(backend).not.toMatchBackend(new MemoryBackend());
  });

  test("the whole store is exactly these files (toMatchTree)", async () => {
    await exportReport(backend, q1);

    expect(backend).toMatchTree({
      "reports/q1-sales.csv": expect.stringMatching(/^region,total/),
      "reports/q1-sales.json": expect.objectContaining({ name: "Q1 Sales" }),
      "reports/index.json": [expect.objectContaining({ slug: "q1-sales" })],
    });
  });

  test("exporting to any backend gives the same files (toMatchBackend)", async () => {
    await using other = new MemoryBackend();
    await exportReport(backend, q1);
    await exportReport(other, q1);

    expect(backend).toMatchBackend(other);
  });

  test("the exported store, as a snapshot", async () => {
    await exportReport(backend, q1);
    await exportReport(backend, { ...q1, name: "Q2 Sales", rows: [] });

    expect(backend).toMatchSnapshot();
  });

  test("a small store, as an inline snapshot", async () => {
    await exportReport(backend, { ...q1, name: "Empty", rows: [] });

    expect(backend).toMatchInlineSnapshot(`
MemoryBackend {
  "reports/empty.csv": "region,total
",
  "reports/empty.json": {
    "generatedAt": "2024-04-01T00:00:00.000Z",
    "name": "Empty",
    "rows": [],
  },
  "reports/index.json": [
    {
      "generatedAt": "2024-04-01T00:00:00.000Z",
      "name": "Empty",
      "rows": 0,
      "slug": "empty",
    },
  ],
}
`);
  });

  test("refuses a name without letters or digits, and writes nothing", async () => {
    await expect(exportReport(backend, { ...q1, name: "???" })).rejects.toThrow(TypeError);
    expect(backend).toHaveFileCount(0);
  });
});

describe("exportReport, with a seeded backend", () => {
  const backend = useMemoryBackend({
    seed: {
      "reports/q1-sales.csv": "region,total\nEU,1\n",
      "reports/q1-sales.json": { name: "Q1 Sales", rows: [{ region: "EU", total: 1 }] },
      "reports/index.json": [
        { name: "Q1 Sales", slug: "q1-sales", rows: 1, generatedAt: "2024-01-01T00:00:00.000Z" },
      ],
    },
  });

  test("refuses to overwrite an existing report and leaves it as it was", async () => {
    await expect(exportReport(backend, q1)).rejects.toThrow(AlreadyExistsError);
    expect(backend).toHaveFile("reports/q1-sales.csv", "region,total\nEU,1\n");
  });

  test("replaces it with overwrite: true and keeps one index entry per report", async () => {
    await exportReport(backend, q1, { overwrite: true });
    await exportReport(backend, { ...q1, name: "Annual" });

    expect(backend).toHaveFile("reports/q1-sales.csv", expect.stringContaining("EU,1200"));
    expect(backend).toContainJSON("reports/index.json", [
      expect.objectContaining({ slug: "annual" }),
      expect.objectContaining({ slug: "q1-sales", rows: 2 }),
    ]);
  });
});

describe("exportReport, when storage fails", () => {
  describe("a failing JSON write", () => {
    // Injected anew into every test's backend: the CSV goes through, the JSON cannot be written.
    const backend = useMemoryBackend({ faults: [{ op: "newWriter", path: "reports/*.json" }] });

    test("fails the export and leaves no half report behind", async () => {
      const failure = exportReport(backend, q1);
      await expect(failure).rejects.toThrow(ExportError);
      await expect(failure).rejects.toThrow(/permission denied/);
      expect(backend).not.toHaveFile("reports/q1-sales.csv");
      expect(backend).toHaveFileCount(0);
    });
  });

  describe("a full disk in the middle of the CSV", () => {
    const backend = useMemoryBackend({ quota: 40 });

    test("aborts the CSV writer (an open writer would fail this test) and reports the cause", async () => {
      const rows = Array.from({ length: 10 }, (_, i) => [`region ${i}`, i]);
      const failure = exportReport(backend, { ...q1, rows });
      await expect(failure).rejects.toThrow(ExportError);
      await expect(failure.catch((err: Error) => err.cause)).resolves.toBeInstanceOf(
        QuotaExceededError,
      );
      expect(backend).toHaveFileCount(0);
    });
  });
});

describe("concurrent tests", () => {
  // Jest runs no beforeEach/afterEach for test.concurrent, so the handle has no test there:
  // each concurrent test makes its own backend, closed and checked for open handles after.
  test.concurrent.each(["Q1 Sales", "Q2 Sales", "Q3 Sales"])(
    "each has its own backend (%s)",
    (name) =>
      withFreshBackend({}, async (backend) => {
        await exportReport(backend, { ...q1, name });
        expect(backend).toHaveFileCount(3);
        expect(backend).toContainJSON("reports/index.json", [expect.objectContaining({ name })]);
      }),
  );
});

describe("exportReport, as properties", () => {
  const backend = useMemoryBackend();
  // Text with the characters CSV must quote, and numbers.
  const text = fc.string({ unit: fc.constantFrom("a", "é", " ", ",", '"', "\n", "\r") });
  const cell = fc.oneof(text, fc.string(), fc.integer());
  const table = fc.array(fc.tuple(cell, cell), { maxLength: 8 });

  test("any table reads back the same from the CSV file", async () => {
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        backend.reset(); // hooks run once per test; every run needs its own start
        await exportReport(backend, { ...q1, rows });

        const parsed = parseCsv(await readText(backend, "reports/q1-sales.csv"));
        expect(parsed).toEqual([["region", "total"], ...rows.map((r) => r.map(String))]);
        expect(backend).toHaveFileCount(3);
      }),
      { numRuns: 100 },
    );
  });

  test("exporting reports in any order gives the same store", async () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), {
      minLength: 1,
      maxLength: 5,
    });
    await fc.assert(
      fc.asyncProperty(names, async (list) => {
        const exportAll = (order: string[]) =>
          withFreshBackend({}, async (b) => {
            for (const name of order) await exportReport(b, { ...q1, name });
            return toTree(b);
          });
        expect(await exportAll([...list].reverse())).toEqual(await exportAll(list));
      }),
      { numRuns: 50 },
    );
  });
});
