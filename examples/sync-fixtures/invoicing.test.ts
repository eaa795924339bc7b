// Fixture folders on disk, a fast MemoryBackend in the test: seed memory from the fixtures with
// `sync`, run the code under test on memory, then compare what it wrote with the expected
// folder on disk using `check` (and `sync` in dry-run mode, which says what would change).
import { resolve } from "node:path";
import { FileBackend } from "omnistorage-ts/file";
import { MemoryBackend } from "omnistorage-ts/memory";
import { check, sync } from "omnistorage-ts/sync";
import { runInvoicing } from "./invoicing.js";
import { beforeEach, describe, expect, test } from "./runner.js";

// Runs under Vitest (ESM: no __dirname) and Jest (CommonJS: no import.meta), both started from
// the repository root, so the fixtures are found relative to the working directory.
const FIXTURES = resolve("examples/sync-fixtures/fixtures");
const input = new FileBackend({ root: resolve(FIXTURES, "input") });
const expected = new FileBackend({ root: resolve(FIXTURES, "expected") });

describe("invoicing batch, seeded from fixture folders", () => {
  let backend: MemoryBackend;

  beforeEach(async () => {
    backend = new MemoryBackend();
    // Notes next to the orders are not input: the filter keeps them out of the seed.
    const seeded = await sync(input, backend, "", "", { filter: { exclude: "*.md" } });
    expect(seeded).toMatchObject({ copied: 4, success: true });
  });

  test("seeding copies the fixture folder into memory, minus the excluded notes", async () => {
    const seeded = await check(input, backend, "", "", { checksum: true });
    expect(seeded.srcOnly).toEqual(["orders/NOTES.md"]);
    expect(seeded.differ).toEqual([]);
    expect(seeded.dstOnly).toEqual([]);
  });

  test("the output matches the expected folder file for file", async () => {
    const summary = await runInvoicing(backend);
    expect(summary).toEqual({
      invoiced: ["A-1001", "A-1002"],
      rejected: ["A-1003"],
      totalCents: 2 * 2450 + 320 + 8900,
    });

    const result = await check(expected, backend, "", "out", { checksum: true });
    expect(result).toMatchObject({ differ: [], srcOnly: [], dstOnly: [], inSync: true });
    expect(result.match).toEqual([
      "invoices/A-1001.txt",
      "invoices/A-1002.txt",
      "rejected/A-1003.txt",
      "summary.json",
    ]);
  });

  test("a dry-run sync back to the expected folder has nothing to do", async () => {
    await runInvoicing(backend);
    // To refresh the golden files after an intended change, run the same call without
    // `dryRun` (and keep `deleteExtra`): the expected folder then mirrors the new output.
    const wouldDo = await sync(backend, expected, "out", "", {
      dryRun: true,
      deleteExtra: true,
      checksum: true,
    });
    expect(wouldDo).toMatchObject({ copied: 0, updated: 0, deleted: 0, skipped: 4 });
  });

  test("a changed input shows up as a difference against the expected folder", async () => {
    const order = JSON.parse(new TextDecoder().decode(backend.readSync("orders/A-1002.json")));
    order.lines[0].qty = 2;
    await backend.load({ "orders/A-1002.json": order });
    await runInvoicing(backend);

    const result = await check(expected, backend, "", "out", { checksum: true });
    expect(result.inSync).toBe(false);
    expect(result.differ).toEqual(["invoices/A-1002.txt", "summary.json"]);
  });
});
