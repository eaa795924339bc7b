import { describe, expect, test } from "vitest";
import { copyPath, writeFile } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

// SPEC: "An aborted signal rejects with signal.reason and changes nothing." The helpers take a
// signal through their writer options, so a signal that aborts while they run must surface as
// its own reason, not as the WriterClosedError of the writer it aborted.
describe("helpers given a signal that aborts while they run", () => {
  test("writeFile rejects with signal.reason and stores nothing", async () => {
    const backend = new MemoryBackend();
    const controller = new AbortController();
    const reason = new Error("stop");
    backend.inject({ op: "close", delayMs: 20 });
    const done = writeFile(backend, "out/a.txt", "hello", { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    await expect(done).rejects.toBe(reason);
    expect(backend.existsSync("out/a.txt")).toBe(false);
    expect(backend.openHandles()).toEqual([]);
  });

  test("copyPath rejects with signal.reason and writes nothing", async () => {
    const src = MemoryBackend.from({ "a.txt": "x".repeat(100_000) });
    const dst = new MemoryBackend();
    const controller = new AbortController();
    const reason = new Error("stop");
    dst.inject({ op: "close", delayMs: 20 });
    const done = copyPath(src, "a.txt", dst, "b.txt", { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    await expect(done).rejects.toBe(reason);
    expect(dst.existsSync("b.txt")).toBe(false);
    expect(src.openHandles()).toEqual([]);
    expect(dst.openHandles()).toEqual([]);
  });
});
