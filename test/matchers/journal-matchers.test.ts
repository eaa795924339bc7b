import { describe, expect, test } from "vitest";
import { writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { failureOf, passes, SUBJECTS } from "./helpers.js";

const SYNC_SUBJECTS = ["memory", "handle", "holder"] as const;

/** A backend whose journal holds a little of everything. */
async function worked(): Promise<MemoryBackend> {
  const b = MemoryBackend.from({ "in/a.csv": "a,b", "tmp/x.part": "x" }, { quota: 64 });
  await writeFile(b, "out/report.txt", "first");
  await writeFile(b, "/out//report.txt", "second");
  await writeFile(b, "out/report.txt", "x".repeat(100)).catch(() => {});
  await b.copy("in/a.csv", "archive/a.csv");
  await b.move("tmp/x.part", "tmp/x.done");
  await b.delete("tmp/x.done");
  return b;
}

describe.each(SYNC_SUBJECTS)("journal matchers on a %s subject", (kind) => {
  const subject = async () => SUBJECTS[kind](await worked());

  test("toHaveWritten counts committed writes of the normalised path, not failed ones", async () => {
    const s = await subject();
    await passes(() => expect(s).toHaveWritten("out/report.txt"), true);
    await passes(() => expect(s).toHaveWritten("/out/report.txt/", 2), true);
    await passes(() => expect(s).not.toHaveWritten("out/report.txt", 3), true);
    await passes(() => expect(s).not.toHaveWritten("in/a.csv"), true);
  });

  test("toHaveWritten with the wrong count lists every operation on the path, failures included", async () => {
    const s = await subject();
    const message = await failureOf(() => expect(s).toHaveWritten("out/report.txt", 3), true);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveWritten(path, times)

      Expected "out/report.txt" to be written 3 times, but it was written twice.

      Operations on "out/report.txt":
        #1 newWriter "out/report.txt": ok
        #2 write "out/report.txt": ok, 5 bytes
        #3 newWriter "out/report.txt": ok
        #4 write "out/report.txt": ok, 6 bytes
        #5 newWriter "out/report.txt": ok
        #6 write "out/report.txt": error QuotaExceededError (ENOSPC), 0 bytes"
    `);
  });

  test("toHaveWritten of an untouched path names the nearest touched one and lists what was touched", async () => {
    const s = await subject();
    const message = await failureOf(() => expect(s).toHaveWritten("out/reports.txt"), true);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveWritten(path)

      Expected a committed write to "out/reports.txt", but there was none.

      No operation touched "out/reports.txt". Did you mean "out/report.txt"?
      The journal holds 9 operations on 5 paths:
        "out/report.txt"
        "in/a.csv"
        "archive/a.csv"
        "tmp/x.part"
        "tmp/x.done""
    `);
  });

  test(".not.toHaveWritten fails with the count", async () => {
    const s = await subject();
    const message = await failureOf(() => expect(s).not.toHaveWritten("out/report.txt"), true);
    expect(message).toContain(
      `Expected no committed write to "out/report.txt", but it was written twice.`,
    );
    const exact = await failureOf(() => expect(s).not.toHaveWritten("out/report.txt", 2), true);
    expect(exact).toContain(`Expected "out/report.txt" not to be written twice, but it was.`);
  });

  test("toHaveDeleted passes for a successful delete and lists the path's operations otherwise", async () => {
    const s = await subject();
    await passes(() => expect(s).toHaveDeleted("tmp/x.done"), true);
    await passes(() => expect(s).not.toHaveDeleted("tmp/x.part"), true);
    const message = await failureOf(() => expect(s).toHaveDeleted("tmp/x.part"), true);
    expect(message).toMatchInlineSnapshot(`
      "expect(backend).toHaveDeleted(path)

      Expected a delete of "tmp/x.part", but there was none.

      Operations on "tmp/x.part":
        #8 move "tmp/x.part" → "tmp/x.done": ok"
    `);
    const not = await failureOf(() => expect(s).not.toHaveDeleted("tmp/x.done"), true);
    expect(not).toContain(`Expected no delete of "tmp/x.done", but it was deleted once.`);
  });

  test("toHaveCopied and toHaveMoved match source and destination exactly", async () => {
    const s = await subject();
    await passes(() => expect(s).toHaveCopied("in/a.csv", "archive/a.csv"), true);
    await passes(() => expect(s).toHaveMoved("/tmp/x.part", "tmp/x.done"), true);
    await passes(() => expect(s).not.toHaveCopied("tmp/x.part", "tmp/x.done"), true);
    await passes(() => expect(s).not.toHaveMoved("in/a.csv", "archive/a.csv"), true);
    const copied = await failureOf(() => expect(s).toHaveCopied("in/a.csv", "archive/b.csv"), true);
    expect(copied).toMatchInlineSnapshot(`
      "expect(backend).toHaveCopied(src, dst)

      Expected a copy of "in/a.csv" to "archive/b.csv", but there was none.

      Operations on "in/a.csv" or "archive/b.csv":
        #7 copy "in/a.csv" → "archive/a.csv": ok"
    `);
    const moved = await failureOf(
      () => expect(s).not.toHaveMoved("tmp/x.part", "tmp/x.done"),
      true,
    );
    expect(moved).toContain(
      `Expected no move of "tmp/x.part" to "tmp/x.done", but it happened once.`,
    );
  });
});

describe("journal matchers: subjects and arguments", () => {
  test("an empty journal says so", async () => {
    const message = await failureOf(() => expect(new MemoryBackend()).toHaveWritten("a.txt"), true);
    expect(message).toContain(`No operation touched "a.txt".\nThe journal is empty.`);
  });

  test("a long history is cut at 20 lines with a count of the rest", async () => {
    const b = new MemoryBackend();
    for (let i = 0; i < 30; i++) await b.exists("busy.txt");
    const message = await failureOf(() => expect(b).toHaveWritten("busy.txt"), true);
    expect(message).toContain('  #20 exists "busy.txt": ok\n  … and 10 more');
  });

  test("clearJournal forgets: a write before it no longer counts", async () => {
    const b = new MemoryBackend();
    await writeFile(b, "a.txt", "x");
    b.clearJournal();
    expect(b).not.toHaveWritten("a.txt");
    expect(b).toHaveFile("a.txt");
  });

  test.each(["plain", "extended"] as const)(
    "a %s backend without a journal is a usage TypeError",
    (kind) => {
      const s = SUBJECTS[kind](new MemoryBackend());
      expect(() => expect(s).toHaveWritten("a.txt")).toThrow(TypeError);
      expect(() => expect(s).toHaveDeleted("a.txt")).toThrow(
        /only the memory backend keeps a journal/,
      );
      expect(() => expect(s).toHaveCopied("a", "b")).toThrow(TypeError);
      expect(() => expect(s).toHaveMoved("a", "b")).toThrow(TypeError);
    },
  );

  test("times must be a non-negative integer; paths are checked like every path", () => {
    const b = new MemoryBackend();
    expect(() => expect(b).toHaveWritten("a.txt", -1)).toThrow(
      /times must be a non-negative integer/,
    );
    expect(() => expect(b).toHaveWritten("a.txt", 1.5)).toThrow(TypeError);
    expect(() => expect(b).toHaveWritten("../a.txt")).toThrow(/"\.\." segments/);
    expect(b).toHaveWritten("a.txt", 0);
  });

  test("the matchers are exported by name and on the matchers object", async () => {
    const mod = await import("../../matchers/index.js");
    for (const name of ["toHaveWritten", "toHaveDeleted", "toHaveCopied", "toHaveMoved"] as const) {
      expect(typeof mod[name]).toBe("function");
      expect(mod.matchers[name]).toBe(mod[name]);
    }
  });
});
