import { describe, expect, test } from "vitest";
import { writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { rejectionOf } from "../helpers/rejection.js";

/** What `p` rejects with. */
const failure = (p: Promise<unknown>): Promise<unknown> => rejectionOf(() => p);

describe("clock must be a function at construction", () => {
  test.each([
    ["a Date", new Date(0)],
    ["a number", 0],
    ["a string", "now"],
    ["null", null],
  ])("%s is a TypeError naming clock", (_, clock) => {
    expect(() => new MemoryBackend({ clock: clock as unknown as () => Date })).toThrow(
      expect.objectContaining({ name: "TypeError", message: expect.stringContaining("clock") }),
    );
    expect(() => MemoryBackend.from({}, { clock: clock as unknown as () => Date })).toThrow(
      TypeError,
    );
  });
});

describe("each call of clock must return a valid Date; otherwise the call fails naming clock and the store is unchanged", () => {
  const bad: [string, unknown][] = [
    ["an Invalid Date", new Date(Number.NaN)],
    ["a number", 1_700_000_000_000],
    ["undefined", undefined],
    ["a string", "2024-01-01"],
  ];

  test.each(bad)("returning %s", async (_, value) => {
    let broken = false;
    const clock = (): Date => (broken ? (value as Date) : new Date(1000));
    const b = MemoryBackend.from({ "keep.txt": "keep", "dir/x.txt": "x" }, { clock });
    const before = b.toJSON();
    broken = true;
    const named = expect.objectContaining({ message: expect.stringContaining("clock") });
    expect(await failure(writeFile(b, "new.txt", "n"))).toEqual(named);
    expect(await failure(b.mkdir("made"))).toEqual(named);
    expect(await failure(b.copy("keep.txt", "copy.txt"))).toEqual(named);
    expect(() => b.load({ "loaded.txt": "l" })).toThrow(named);
    expect(b.toJSON()).toEqual(before);
    expect(b.openHandles()).toEqual([]);
    // A writer given its own modTime does not need the clock.
    await writeFile(b, "dated.txt", "d", { modTime: new Date(5000) });
    expect(b.statSync("dated.txt").modTime.getTime()).toBe(5000);
  });

  test("a Date from another realm is a valid Date", async () => {
    const { runInNewContext } = await import("node:vm");
    const foreign = runInNewContext("new Date(42000)") as Date;
    const b = new MemoryBackend({ clock: () => foreign });
    await writeFile(b, "a.txt", "a");
    expect(b.statSync("a.txt").modTime.getTime()).toBe(42000);
  });
});
