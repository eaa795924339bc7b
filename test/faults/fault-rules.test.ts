import { describe, expect, test } from "vitest";
import { isClosed, isPermissionDenied, PermissionDeniedError } from "../../src/core/errors.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { rejectionOf } from "../helpers/rejection.js";

/** What `p` rejects with. */
const failure = (p: Promise<unknown>): Promise<unknown> => rejectionOf(() => p);

describe("fault paths match the call as it spells its argument after normalisation", () => {
  test.each(["reports/", "reports", "/reports/", "./reports/"])(
    'inject({ op: "list", path: %j }) matches list("reports/") and list("reports")',
    async (path) => {
      const b = MemoryBackend.from({ "reports/a.txt": "a" });
      b.inject({ op: "list", path });
      expect(isPermissionDenied(await failure(b.list("reports/")))).toBe(true);
      expect(isPermissionDenied(await failure(b.list("reports")))).toBe(true);
      // Other prefixes are untouched.
      expect(await b.list("")).toEqual(["reports/a.txt"]);
    },
  );

  test("a glob fault path matches a list prefix with or without its trailing slash", async () => {
    const b = MemoryBackend.from({ "reports/2024/a.txt": "a" });
    b.inject({ op: "list", path: "reports/*" });
    expect(isPermissionDenied(await failure(b.list("reports/2024/")))).toBe(true);
    expect(await b.list("other/")).toEqual([]);
  });

  test("a file fault path still matches only that file", async () => {
    const b = MemoryBackend.from({ "a.txt": "a", "a.txt.bak": "b" });
    b.inject({ op: "stat", path: "a.txt" });
    expect(isPermissionDenied(await failure(b.stat("/a.txt")))).toBe(true);
    expect((await b.stat("a.txt.bak")).size).toBe(1);
  });
});

describe("an error factory that returns nothing still fails the call", () => {
  test.each([
    ["undefined", () => undefined],
    ["null", () => null],
  ])("a factory returning %s fails with the default PermissionDeniedError", async (_, factory) => {
    const b = MemoryBackend.from({ "a.txt": "a" });
    b.inject({ op: "exists", error: factory as unknown as () => Error });
    const err = await failure(b.exists("a.txt"));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err).toMatchObject({ op: "exists", path: "a.txt" });
    expect(b.journal.at(-1)).toMatchObject({ op: "exists", outcome: "error", code: "EACCES" });
  });
});

describe("inject on a closed backend", () => {
  test("throws BackendClosedError and registers nothing", async () => {
    const b = new MemoryBackend();
    await b.close();
    let thrown: unknown;
    try {
      b.inject({ op: "list" });
    } catch (err) {
      thrown = err;
    }
    expect(isClosed(thrown)).toBe(true);
  });
});
