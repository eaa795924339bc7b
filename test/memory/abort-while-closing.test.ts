import { describe, expect, test } from "vitest";
import { isClosed } from "../../src/core/errors.js";
import { MemoryBackend } from "../../src/memory/index.js";

describe("abort() while close() still waits for pending writes: the abort wins", () => {
  test("nothing is stored, close() rejects with WriterClosedError, the writer is not open", async () => {
    const b = MemoryBackend.from({ "out.txt": "old" });
    b.inject({ op: "write", path: "out.txt", delayMs: 10 });
    const w = await b.newWriter("out.txt");
    const write = w.write("new");
    const closing = w.close();
    await w.abort();
    await write;
    const err = await closing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isClosed(err)).toBe(true);
    expect((err as { op?: string }).op).toBe("close");
    expect(new TextDecoder().decode(b.readSync("out.txt"))).toBe("old");
    expect(b.openHandles()).toEqual([]);
    expect(b.journal.filter((e) => e.op === "write")).toEqual([
      expect.objectContaining({ outcome: "error", error: "aborted" }),
    ]);
  });

  test("an abort after the commit changes nothing", async () => {
    const b = new MemoryBackend();
    const w = await b.newWriter("a.txt");
    await w.write("a");
    await w.close();
    await w.abort();
    expect(new TextDecoder().decode(b.readSync("a.txt"))).toBe("a");
  });
});
