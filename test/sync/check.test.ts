import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { ExtendedBackend } from "../../src/core/types.js";
import { check } from "../../src/sync/index.js";
import { plainBackend, ScriptedBackend, seed } from "./helpers.js";
import { type BackendPair, PAIRS } from "./pairs.js";

const T0 = new Date("2024-01-01T00:00:00Z");
const LATER = new Date("2024-06-01T00:00:00Z");

describe.each(PAIRS)("check $name", (kind) => {
  let pair: BackendPair;
  let src: ExtendedBackend;
  let dst: ExtendedBackend;
  beforeEach(async () => {
    pair = await kind.make();
    ({ src, dst } = pair);
  });
  afterEach(async () => {
    await pair.cleanup();
  });

  test("identical folders are in sync", async () => {
    await seed(src, { "file.txt": "content", "d/e.txt": "e" });
    await seed(dst, { "file.txt": "content", "d/e.txt": "e" });
    const result = await check(src, dst, "", "");
    expect(result).toEqual({
      match: ["d/e.txt", "file.txt"],
      differ: [],
      srcOnly: [],
      dstOnly: [],
      errors: [],
      inSync: true,
    });
  });

  test("sorts every difference into differ, srcOnly and dstOnly", async () => {
    await seed(src, { "z-same.txt": "same", "diff.txt": "short", "src-only.txt": "s", "b/x": "1" });
    await seed(dst, { "z-same.txt": "same", "diff.txt": "much longer", "dst-only.txt": "d" });
    await seed(dst, { "a/x": "1" });
    const result = await check(src, dst, "", "");
    expect(result).toEqual({
      match: ["z-same.txt"],
      differ: ["diff.txt"],
      srcOnly: ["b/x", "src-only.txt"],
      dstOnly: ["a/x", "dst-only.txt"],
      errors: [],
      inSync: false,
    });
  });

  test("takes the comparison options of sync", async () => {
    await seed(src, { "file.txt": "aaaa" }, T0);
    await seed(dst, { "file.txt": "bbbb" }, LATER);
    expect((await check(src, dst, "", "", { sizeOnly: true })).match).toEqual(["file.txt"]);
    expect((await check(src, dst, "", "")).differ).toEqual(["file.txt"]);
    expect((await check(src, dst, "", "", { ignoreTime: true })).match).toEqual(["file.txt"]);
    expect((await check(src, dst, "", "", { checksum: true })).differ).toEqual(["file.txt"]);
  });

  test("checksum finds equal content equal whatever the times", async () => {
    await seed(src, { "file.txt": "same" }, T0);
    await seed(dst, { "file.txt": "same" }, LATER);
    expect((await check(src, dst, "", "", { checksum: true })).inSync).toBe(true);
  });

  test("works on folders and honours the filter on both sides", async () => {
    await seed(src, { "data/a.json": "1", "data/b.tmp": "x", "database.txt": "db" });
    await seed(dst, { "copy/a.json": "1", "copy/c.tmp": "y" });
    const result = await check(src, dst, "data", "copy", {
      checksum: true,
      filter: { exclude: "*.tmp" },
    });
    expect(result).toMatchObject({ match: ["a.json"], srcOnly: [], dstOnly: [], inSync: true });
  });

  test("a file that cannot be compared is an error and the folders are not in sync", async () => {
    const flaky = new ScriptedBackend(src);
    flaky.failReads.add("a.txt");
    await seed(src, { "a.txt": "abc", "b.txt": "b" });
    await seed(dst, { "a.txt": "abc", "b.txt": "b" });
    // A plain backend has no hash, so the content is read, and the read fails.
    const result = await check(plainBackend(flaky), dst, "", "", { checksum: true });
    expect(result.errors.map((e) => [e.path, e.op])).toEqual([["a.txt", "compare"]]);
    expect(result.match).toEqual(["b.txt"]);
    expect(result.inSync).toBe(false);
  });

  test("an aborted signal rejects with its reason", async () => {
    await seed(src, { "a.txt": "a" });
    const reason = new Error("stop");
    await expect(check(src, dst, "", "", { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });
});
