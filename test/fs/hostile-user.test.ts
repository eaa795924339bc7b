import { describe, expect, test } from "vitest";
import { createFs } from "../../src/fs/index.js";
import { MemoryBackend } from "../../src/memory/index.js";

// Defects a hostile user of node:fs found (each test failed before its fix), checked against
// real node:fs in a temporary folder.

describe("callback and promise forms share one call order", () => {
  test("a callback call made before a promise call runs before it", async () => {
    const fs = createFs(new MemoryBackend());
    const read = new Promise<string>((resolve, reject) => {
      fs.writeFile("/m.txt", "1", (err: Error | null) => err && reject(err));
      void fs.promises.appendFile("/m.txt", "2");
      fs.readFile("/m.txt", "utf8", (err: Error | null, data: string) =>
        err ? reject(err) : resolve(data),
      );
    });
    expect(await read).toBe("12");
  });

  test("a callback call whose arguments are bad still reports through its callback", async () => {
    const fs = createFs(new MemoryBackend());
    const code = await new Promise((resolve) =>
      fs.readFile(42 as unknown as string, (err: NodeJS.ErrnoException | null) =>
        resolve(err?.code),
      ),
    );
    expect(code).toBe("ERR_INVALID_ARG_TYPE");
  });
});

describe("the empty path", () => {
  // Node does not read "" as the cwd: every call on it is ENOENT.
  const fs = () => createFs(MemoryBackend.from({ "f.txt": "x" }));

  test("names no file: stat, readFile, readdir are ENOENT and existsSync is false", async () => {
    const f = fs();
    expect(() => f.statSync("")).toThrow(
      expect.objectContaining({ code: "ENOENT", syscall: "stat", path: "" }),
    );
    expect(() => f.readFileSync("")).toThrow(
      expect.objectContaining({ code: "ENOENT", syscall: "open" }),
    );
    expect(() => f.readdirSync("")).toThrow(
      expect.objectContaining({ code: "ENOENT", syscall: "scandir" }),
    );
    await expect(f.promises.access("")).rejects.toMatchObject({
      code: "ENOENT",
      syscall: "access",
    });
    expect(f.existsSync("")).toBe(false);
    expect(f.statSync("", { throwIfNoEntry: false })).toBeUndefined();
  });

  test("except to realpath, where it is the cwd", () => {
    expect(createFs(MemoryBackend.from({ "d/f": "x" }), { cwd: "/d" }).realpathSync("")).toBe("/d");
  });

  test("creates nothing and removes nothing", () => {
    const f = fs();
    expect(() => f.writeFileSync("", "y")).toThrow(expect.objectContaining({ code: "ENOENT" }));
    expect(() => f.mkdirSync("", { recursive: true })).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
    expect(() => f.rmSync("", { recursive: true })).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
    expect(f.readdirSync("/")).toEqual(["f.txt"]);
  });
});

test("realpathSync.native and realpath.native exist, as on node:fs", async () => {
  const fs = createFs(MemoryBackend.from({ "d/f": "x" }));
  expect(fs.realpathSync.native("/d/./f")).toBe("/d/f");
  const viaCallback = await new Promise((resolve, reject) =>
    fs.realpath.native("/d/", (err: Error | null, p: string) => (err ? reject(err) : resolve(p))),
  );
  expect(viaCallback).toBe("/d");
});

describe("the signal option of readFile, writeFile and appendFile", () => {
  const fs = () => createFs(MemoryBackend.from({ "f.txt": "x" }));

  test("an aborted signal rejects with Node's AbortError and writes nothing", async () => {
    const f = fs();
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const { signal } = controller;
    const aborted = { name: "AbortError", code: "ABORT_ERR", message: "The operation was aborted" };
    await expect(f.promises.readFile("/f.txt", { signal })).rejects.toMatchObject(aborted);
    await expect(f.promises.writeFile("/f.txt", "y", { signal })).rejects.toMatchObject(aborted);
    await expect(f.promises.appendFile("/new", "y", { signal })).rejects.toMatchObject(aborted);
    const viaCallback = await new Promise((resolve) =>
      f.writeFile("/new", "y", { signal }, (err: NodeJS.ErrnoException | null) =>
        resolve(err?.code),
      ),
    );
    expect(viaCallback).toBe("ABORT_ERR");
    expect(f.readdirSync("/")).toEqual(["f.txt"]);
    expect(f.readFileSync("/f.txt", "utf8")).toBe("x");
  });

  test("a signal aborted while the call waits its turn stops it too", async () => {
    const f = fs();
    const controller = new AbortController();
    const first = f.promises.writeFile("/f.txt", "1");
    const second = f.promises.writeFile("/f.txt", "2", { signal: controller.signal });
    controller.abort();
    await first;
    await expect(second).rejects.toMatchObject({ code: "ABORT_ERR" });
    expect(f.readFileSync("/f.txt", "utf8")).toBe("1");
  });

  test("Sync forms ignore it, as Node's do; a signal that is not an AbortSignal is refused", async () => {
    const f = fs();
    expect(f.readFileSync("/f.txt", { encoding: "utf8", signal: AbortSignal.abort() })).toBe("x");
    await expect(f.promises.readFile("/f.txt", { signal: 1 })).rejects.toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: expect.stringContaining('"options.signal"'),
    });
  });
});

describe("closing waits for the calls made before it", () => {
  test("fs.write then fs.close, unawaited: the write lands and the close succeeds", async () => {
    const fs = createFs(new MemoryBackend());
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open("/f.txt", "w", (err: Error | null, n: number) => (err ? reject(err) : resolve(n))),
    );
    const outcome = await new Promise<unknown[]>((resolve) => {
      const log: unknown[] = [];
      fs.write(fd, "abc", (err: NodeJS.ErrnoException | null, n: number) =>
        log.push(err?.code ?? n),
      );
      fs.close(fd, (err: NodeJS.ErrnoException | null) => resolve([...log, err?.code ?? "closed"]));
    });
    expect(outcome).toEqual([3, "closed"]);
    expect(fs.readFileSync("/f.txt", "utf8")).toBe("abc");
  });

  test("FileHandle.close waits for the handle's pending write, as Node documents", async () => {
    const fs = createFs(new MemoryBackend());
    const handle = await fs.promises.open("/f.txt", "w");
    const write = handle.write("abc");
    await handle.close();
    await expect(write).resolves.toMatchObject({ bytesWritten: 3 });
    expect(fs.readFileSync("/f.txt", "utf8")).toBe("abc");
    expect(handle.fd).toBe(-1);
  });
});

describe("read ranges are checked as Node checks them", () => {
  const fs = () => createFs(MemoryBackend.from({ "f.txt": "hello" }));
  const outOfRange = (name: string) => ({
    code: "ERR_OUT_OF_RANGE",
    message: expect.stringContaining(`The value of "${name}" is out of range.`),
  });

  test("readSync refuses a length past the buffer, a negative offset or length, a position below -1", () => {
    const f = fs();
    const fd = f.openSync("/f.txt", "r");
    const buffer = Buffer.alloc(2);
    expect(() => f.readSync(fd, buffer, 0, 5, 0)).toThrow(
      expect.objectContaining(outOfRange("length")),
    );
    expect(() => f.readSync(fd, buffer, 3, 1, 0)).toThrow(
      expect.objectContaining(outOfRange("length")),
    );
    expect(() => f.readSync(fd, buffer, -1, 1, 0)).toThrow(
      expect.objectContaining(outOfRange("offset")),
    );
    expect(() => f.readSync(fd, buffer, 0, -1, 0)).toThrow(
      expect.objectContaining(outOfRange("length")),
    );
    expect(() => f.readSync(fd, buffer, 0, 1, -2)).toThrow(
      expect.objectContaining(outOfRange("position")),
    );
    f.closeSync(fd);
  });

  test("readSync at position -1 reads at the file position, as null does", () => {
    const f = fs();
    const fd = f.openSync("/f.txt", "r");
    const buffer = Buffer.alloc(2);
    expect(f.readSync(fd, buffer, 0, 2, -1)).toBe(2);
    expect(f.readSync(fd, buffer, 0, 2, -1)).toBe(2);
    expect(buffer.toString()).toBe("ll");
    f.closeSync(fd);
  });

  test("createReadStream refuses start after end, negative or fractional bounds", () => {
    const f = fs();
    expect(() => f.createReadStream("/f.txt", { start: 5, end: 2 })).toThrow(
      expect.objectContaining(outOfRange("start")),
    );
    expect(() => f.createReadStream("/f.txt", { start: -1 })).toThrow(
      expect.objectContaining(outOfRange("start")),
    );
    expect(() => f.createReadStream("/f.txt", { end: -1 })).toThrow(
      expect.objectContaining(outOfRange("end")),
    );
    expect(() => f.createReadStream("/f.txt", { start: 1.5 })).toThrow(
      expect.objectContaining(outOfRange("start")),
    );
  });
});

describe("cp's filter option", () => {
  const fs = () =>
    createFs(MemoryBackend.from({ "d/keep.txt": "k", "d/skip.log": "s", "d/sub/x.log": "x" }));

  test("skips what the filter refuses, in the Sync and promise forms, and is asked with both paths", async () => {
    const asked: string[] = [];
    const filter = (src: string, dest: string) => {
      asked.push(`${src}>${dest}`);
      return !src.endsWith(".log");
    };
    const f = fs();
    f.cpSync("/d", "/a", { recursive: true, filter });
    expect(f.readdirSync("/a", { recursive: true }).sort()).toEqual(["keep.txt", "sub"]);
    expect(asked).toContain("/d>/a");
    expect(asked).toContain("/d/sub/x.log>/a/sub/x.log");
    await f.promises.cp("/d", "/b", {
      recursive: true,
      filter: async (src: string) => !src.endsWith(".log"),
    });
    expect(f.readdirSync("/b", { recursive: true }).sort()).toEqual(["keep.txt", "sub"]);
  });

  test("a refused source copies nothing, not even the destination's parents", () => {
    const f = fs();
    f.cpSync("/d", "/p/q", { recursive: true, filter: () => false });
    expect(f.existsSync("/p")).toBe(false);
  });
});
