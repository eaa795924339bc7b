import { describe, expect, test } from "vitest";
import { isClosed } from "../../src/core/errors.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { rejectionOf } from "../helpers/rejection.js";

const failure = rejectionOf;

const BAD = ["", "../x", "a/../../b", "nul\0l"];

describe("a closed backend rejects every call with BackendClosedError before it looks at the arguments", () => {
  test.each(BAD)("async operations on path %j", async (path) => {
    const b = MemoryBackend.from({ "a.txt": "a" });
    await b.close();
    const calls: (() => Promise<unknown>)[] = [
      () => b.exists(path),
      () => b.newWriter(path),
      () => b.newReader(path, { offset: -1 }),
      () => b.delete(path),
      () => b.stat(path),
      () => b.hash(path, "md5"),
      () => b.mkdir(path),
      () => b.rmdir(path),
      () => b.copy(path, path),
      () => b.move(path, "a.txt"),
      () => b.list(path),
    ];
    for (const call of calls) expect(isClosed(await failure(call))).toBe(true);
  });

  test.each(BAD)("synchronous inspection on path %j", async (path) => {
    const b = new MemoryBackend();
    await b.close();
    for (const call of [
      () => b.readSync(path),
      () => b.existsSync(path),
      () => b.statSync(path),
      () => b.listSync(path),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: "ERR_BACKEND_CLOSED" }));
    }
  });

  test("an unsupported hash algorithm on a closed backend is still BackendClosedError", async () => {
    const b = new MemoryBackend();
    await b.close();
    expect(isClosed(await failure(() => b.hash("a", "crc32" as "md5")))).toBe(true);
  });
});
