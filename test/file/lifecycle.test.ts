import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isClosed } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import { backends, isRegistered, open, register } from "../../src/core/registry.js";
import { FileBackend } from "../../src/file/index.js";
import { diskText, onDisk, useDisk } from "./disk.js";

/** Every operation of a backend holding `f.txt` and the folder `d`, each called with `signal`. */
const everyCallWith = (backend: FileBackend, signal: AbortSignal): (() => Promise<unknown>)[] => [
  () => backend.newWriter("g/h.txt", { signal }),
  () => backend.newReader("f.txt", { signal }),
  () => backend.exists("f.txt", { signal }),
  () => backend.delete("f.txt", { signal }),
  () => backend.list("", { signal }),
  () => backend.stat("f.txt", { signal }),
  () => backend.hash("f.txt", "md5", { signal }),
  () => backend.mkdir("e/f", { signal }),
  () => backend.rmdir("d", { signal }),
  () => backend.copy("f.txt", "h.txt", { signal }),
  () => backend.move("f.txt", "h.txt", { signal }),
  () => backend.copy("d", "d2", { signal }),
];

describe("FileBackend lifecycle", () => {
  const disk = useDisk();

  test("openHandles lists open readers and writers until they are closed", async () => {
    const { backend } = disk();
    await writeFile(backend, "r.txt", "r");
    const reader = await backend.newReader("r.txt");
    const writer = await backend.newWriter("/w.txt");
    expect(backend.openHandles()).toEqual([
      { kind: "reader", path: "r.txt" },
      { kind: "writer", path: "w.txt" },
    ]);
    await reader.close();
    await writer.abort();
    expect(backend.openHandles()).toEqual([]);
  });

  test("close removes the temporary files of open writers, and their close rejects BackendClosedError", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "kept.txt", "kept");
    const writer = await backend.newWriter("new/file.txt");
    await writer.write("never committed");
    const inflight = writer.write("in flight while closing");
    await backend.close();
    expect(await onDisk(root)).toEqual(["kept.txt"]);
    await inflight.catch(() => undefined);
    const err = await writer.close().catch((e: unknown) => e);
    expect(isClosed(err)).toBe(true);
    expect(err).toMatchObject({ code: "ERR_BACKEND_CLOSED" });
    expect(await diskText(join(root, "kept.txt"))).toBe("kept");
    expect(backend.openHandles()).toEqual([]);
  });

  test("close releases the descriptors of open readers; their next read rejects BackendClosedError", async () => {
    const { backend } = disk();
    await writeFile(backend, "r.txt", "content");
    const reader = await backend.newReader("r.txt");
    await backend.close();
    await expect(reader.read()).rejects.toMatchObject({ code: "ERR_BACKEND_CLOSED", op: "read" });
    await reader.close();
    expect(backend.closed).toBe(true);
  });

  test("an already aborted signal rejects every operation with its reason and changes nothing", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "f.txt", "f");
    await backend.mkdir("d");
    const before = await onDisk(root);
    const reason = new Error("aborted");
    const signal = AbortSignal.abort(reason);
    for (const call of everyCallWith(backend, signal)) await expect(call()).rejects.toBe(reason);
    expect(await onDisk(root)).toEqual(before);
  });

  test("every operation refuses a signal that is not an AbortSignal with a TypeError naming signal, staging nothing", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "f.txt", "f");
    await backend.mkdir("d");
    const before = await onDisk(root);
    for (const bad of [{}, "yes", 1, { aborted: false }]) {
      const signal = bad as unknown as AbortSignal;
      for (const call of everyCallWith(backend, signal)) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TypeError);
        expect((err as Error).message).toMatch(/signal must be an AbortSignal/);
      }
    }
    expect(backend.openHandles()).toEqual([]);
    expect(await onDisk(root)).toEqual(before);
  });

  test("a directory copy interrupted by its signal leaves no destination and no staging behind", async () => {
    const { backend, root } = disk();
    for (let i = 0; i < 5; i++) await writeFile(backend, `src/f${i}.txt`, `file ${i}`);
    const reason = new Error("stop copying");
    let checks = 0;
    // Deterministic: aborted after the second file, whatever the timing.
    const signal = new AbortController().signal;
    signal.throwIfAborted = () => {
      if (++checks > 2) throw reason;
    };
    await expect(backend.copy("src", "deep/dst", { signal })).rejects.toBe(reason);
    expect(await onDisk(root)).toEqual(["src/", ...[0, 1, 2, 3, 4].map((i) => `src/f${i}.txt`)]);
  });

  test("await using closes the backend", async () => {
    const { root } = disk();
    let escaped: FileBackend | undefined;
    {
      await using backend = new FileBackend({ root });
      await writeFile(backend, "u.txt", "using");
      escaped = backend;
    }
    expect(escaped.closed).toBe(true);
    await expect(escaped.exists("u.txt")).rejects.toMatchObject({ code: "ERR_BACKEND_CLOSED" });
  });
});

describe('the registry name "file"', () => {
  const disk = useDisk();

  test('importing omnistorage-ts/file registers "file"; open("file", { root }) gives a FileBackend', async () => {
    const { root } = disk();
    expect(isRegistered("file")).toBe(true);
    expect(backends()).toContain("file");
    const backend = await open<FileBackend>("file", { root });
    expect(backend).toBeInstanceOf(FileBackend);
    await writeFile(backend, "via-registry.txt", "hello");
    expect(await readText(disk().backend, "via-registry.txt")).toBe("hello");
    await backend.close();
  });

  test('open("file") without a root is a TypeError', async () => {
    await expect(open("file")).rejects.toThrow(/root/);
  });

  test('a different factory under "file" is refused', () => {
    expect(() => register("file", () => new FileBackend({ root: "x" }))).toThrow(
      expect.objectContaining({ code: "EEXIST", op: "register" }),
    );
  });
});
