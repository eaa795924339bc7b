import { describe, expect, test } from "vitest";
import { OpenHandlesError } from "../../fixtures/core/errors.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { loadBuilds } from "../errors/builds.js";

/** The line of the caller of this function in this file. */
function lineOfCaller(): number {
  const stack = new Error().stack ?? "";
  const frame = stack.split("\n").filter((l) => l.includes("handle-origin.test.ts"))[1] ?? "";
  return Number(/:(\d+):\d+\)?$/.exec(frame)?.[1]);
}

describe("OpenHandlesError says where each leaked reader or writer was opened", () => {
  test("the message names this test file and the line of newWriter / newReader", async () => {
    const b = MemoryBackend.from({ "in.txt": "in" });
    const writerLine = lineOfCaller() + 1;
    const writer = await b.newWriter("out/leak.txt");
    const readerLine = lineOfCaller() + 1;
    const reader = await b.newReader("in.txt");
    const message = new OpenHandlesError(b.openHandles()).message;
    expect(message).toMatch(
      new RegExp(
        `writer "out/leak.txt" \\(opened at [^)]*handle-origin\\.test\\.ts:${writerLine}:\\d+\\)`,
      ),
    );
    expect(message).toMatch(
      new RegExp(
        `reader "in.txt" \\(opened at [^)]*handle-origin\\.test\\.ts:${readerLine}:\\d+\\)`,
      ),
    );
    await writer.abort();
    await reader.close();
  });

  test("a handle without a known origin is listed as before", () => {
    const message = new OpenHandlesError([{ kind: "writer", path: "x.txt" }]).message;
    expect(message).toContain('  writer "x.txt"\n');
  });

  test("through the ESM and CommonJS builds, too, the origin is the caller's line, not the package's", async () => {
    const builds = await loadBuilds();
    for (const kind of ["esm", "cjs"] as const) {
      const b = new builds[kind].memory.MemoryBackend();
      const line = lineOfCaller() + 1;
      const writer = await b.newWriter("built.txt");
      expect(b.openHandles()).toEqual([
        {
          kind: "writer",
          path: "built.txt",
          openedAt: expect.stringMatching(new RegExp(`handle-origin\\.test\\.ts:${line}:\\d+$`)),
        },
      ]);
      await writer.abort();
    }
  }, 60_000);
});
