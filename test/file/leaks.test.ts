import { readdirSync } from "node:fs";
import { open, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterEach, describe, expect, test, vi } from "vitest";
import { writeFile } from "../../src/core/helpers.js";
import { STAGING_DIR } from "../../src/file/confined-root.js";
import { useDisk } from "./disk.js";

// SPEC "Backend": a failed handle is a finished handle. On disk that means the descriptor is
// closed and the staging file removed as soon as the handle fails, not when someone remembers
// to call close().

/** Descriptors this process holds (Linux; elsewhere the count checks are skipped). */
const openFds = (): number => {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return -1;
  }
};

/** Lets the descriptor closes in flight finish. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/** Makes the next read of any FileHandle fail with EIO (they all share one prototype). */
async function failNextRead(root: string): Promise<void> {
  const probe = await open(root);
  const proto = Object.getPrototypeOf(probe) as { read: (...args: unknown[]) => unknown };
  await probe.close();
  vi.spyOn(proto, "read").mockRejectedValueOnce(
    Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" }),
  );
}

async function stagingIsEmpty(root: string): Promise<boolean> {
  const names = await readdir(join(root, STAGING_DIR)).catch(() => []);
  return names.length === 0;
}

describe("FileBackend releases what a failed handle holds", () => {
  const disk = useDisk();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test("a writer whose write failed closes its descriptor and removes its staging file", async () => {
    const { backend, root } = disk();
    const before = openFds();
    const w = await backend.newWriter("bad.txt");
    void w.write("some bytes");
    void w.write(42 as unknown as string).catch(() => undefined);
    await tick();
    expect(backend.openHandles()).toEqual([]);
    expect(await stagingIsEmpty(root)).toBe(true);
    if (before >= 0) expect(openFds()).toBe(before);
    await expect(w.close()).rejects.toThrow(TypeError);
    expect(await backend.list()).toEqual([]);
  });

  for (const how of ["without an error", "with an error"] as const) {
    test(`a writer whose Writable is destroyed ${how} closes its descriptor and staging file`, async () => {
      const { backend, root } = disk();
      const before = openFds();
      const w = await backend.newWriter("dir/streamed.txt");
      const writable = w.toWritable();
      writable.on("error", () => undefined);
      await new Promise<void>((resolve) => writable.write("partial", () => resolve()));
      const closed = new Promise((resolve) => writable.once("close", resolve));
      writable.destroy(how === "with an error" ? new Error("broken") : undefined);
      await closed;
      await tick();
      expect(backend.openHandles()).toEqual([]);
      expect(await stagingIsEmpty(root)).toBe(true);
      if (before >= 0) expect(openFds()).toBe(before);
      expect(await backend.exists("dir")).toBe(false);
    });
  }

  test("a reader whose signal aborts inside for await closes its descriptor", async () => {
    const { backend } = disk();
    await writeFile(backend, "big.bin", new Uint8Array(512 * 1024));
    const before = openFds();
    const controller = new AbortController();
    const reader = await backend.newReader("big.bin", { signal: controller.signal });
    await expect(
      (async () => {
        for await (const _chunk of reader) controller.abort(new Error("enough"));
      })(),
    ).rejects.toThrow("enough");
    expect(backend.openHandles()).toEqual([]);
    if (before >= 0) expect(openFds()).toBe(before);
  });

  test("a reader whose read() fails closes its descriptor", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "f.bin", new Uint8Array(200 * 1024));
    const before = openFds();
    const reader = await backend.newReader("f.bin");
    expect((await reader.read())?.length).toBeGreaterThan(0);
    await failNextRead(root);
    await expect(reader.read()).rejects.toThrow("EIO");
    expect(backend.openHandles()).toEqual([]);
    if (before >= 0) expect(openFds()).toBe(before);
  });

  test("a reader whose read fails inside a pipeline closes its descriptor", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "p.bin", new Uint8Array(200 * 1024));
    const before = openFds();
    const reader = await backend.newReader("p.bin");
    await failNextRead(root);
    const sink = new Writable({ write: (_chunk, _enc, cb) => cb() });
    await expect(pipeline(reader.toReadable(), sink)).rejects.toThrow("EIO");
    expect(backend.openHandles()).toEqual([]);
    if (before >= 0) expect(openFds()).toBe(before);
  });
});
