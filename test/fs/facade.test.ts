import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { FileBackend } from "../../src/file/index.js";
import { createFs, createFsPromises, FsNotSupportedError } from "../../src/fs/index.js";
import { UNSUPPORTED_FS, UNSUPPORTED_PROMISES } from "../../src/fs/unsupported.js";
import { MemoryBackend } from "../../src/memory/index.js";
// Registers the matchers, as users' setup does.
import "../../fixtures/vitest.js";

const caught = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    return err as NodeJS.ErrnoException;
  }
  throw new Error("expected a failure");
};

describe("Node's errors", () => {
  test("a missing file is ENOENT with errno, syscall, path and Node's message", async () => {
    const fs = createFs(new MemoryBackend());
    const err = await caught(fs.promises.readFile("/data/a.txt"));
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: "ENOENT", errno: -2, syscall: "open", path: "/data/a.txt" });
    expect(err.message).toBe("ENOENT: no such file or directory, open '/data/a.txt'");
  });

  test("two-path calls name both paths, as Node does", async () => {
    const fs = createFs(new MemoryBackend());
    const err = await caught(fs.promises.rename("a", "b"));
    expect(err.message).toBe("ENOENT: no such file or directory, rename 'a' -> 'b'");
    expect(err).toMatchObject({ path: "a", dest: "b" });
  });

  test("an injected fault is EACCES by default, EIO for a plain Error, ENOSPC for the quota", async () => {
    const backend = new MemoryBackend({ quota: 4 });
    const fs = createFs(backend);
    const handle = backend.inject({ op: "newWriter" });
    expect(await caught(fs.promises.writeFile("/a", "x"))).toMatchObject({
      code: "EACCES",
      syscall: "open",
      path: "/a",
    });
    handle.remove();
    backend.inject({ op: "newReader", error: new Error("bad sector"), times: 1 });
    await fs.promises.writeFile("/a", "x");
    const eio = await caught(fs.promises.readFile("/a"));
    expect(eio).toMatchObject({ code: "EIO", errno: -5, syscall: "open" });
    expect((eio as Error).cause).toEqual(new Error("bad sector"));
    expect(await caught(fs.promises.writeFile("/big", "12345"))).toMatchObject({ code: "ENOSPC" });
    expect(await caught(() => fs.writeFileSync("/big", "12345"))).toMatchObject({ code: "ENOSPC" });
    expect(backend.existsSync("big")).toBe(false);
  });

  test("bad arguments are Node's argument errors, thrown by Sync forms and rejected by promises", async () => {
    const fs = createFs(new MemoryBackend());
    expect(await caught(() => fs.readFileSync(42))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    expect(await caught(fs.promises.readFile("a\0b"))).toMatchObject({
      code: "ERR_INVALID_ARG_VALUE",
    });
    expect(await caught(() => fs.writeFileSync("/a", { not: "bytes" }))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
    });
    expect(() => fs.readFile("/a")).toThrow(/"cb" argument of fs.readFile/);
  });
});

describe("paths", () => {
  test("`..` stops at the backend's root, however it is spelled", async () => {
    const backend = new MemoryBackend();
    const fs = createFs(backend, { cwd: "/work" });
    await fs.promises.writeFile("/../../escape.txt", "a");
    await fs.promises.writeFile("../../../up.txt", "b");
    expect(backend.listSync()).toEqual(["escape.txt", "up.txt"]);
  });

  test("relative paths resolve against cwd; URLs and Buffers are paths too", async () => {
    const backend = new MemoryBackend();
    const fs = createFs(backend, { cwd: "/app" });
    fs.mkdirSync("/app");
    fs.writeFileSync("./a.txt", "1");
    expect(backend.readSync("app/a.txt")).toEqual(new TextEncoder().encode("1"));
    expect(fs.readFileSync(pathToFileURL("/app/a.txt"), "utf8")).toBe("1");
    expect(fs.readFileSync(Buffer.from("/app/a.txt"), "utf8")).toBe("1");
  });

  test("names like __proto__ and constructor are ordinary files", () => {
    const fs = createFs(new MemoryBackend());
    fs.writeFileSync("/__proto__", "p");
    fs.mkdirSync("/constructor");
    expect(fs.readdirSync("/")).toEqual(["__proto__", "constructor"]);
    expect(fs.readFileSync("/__proto__", "utf8")).toBe("p");
  });

  test("a cwd that is not absolute is refused when the facade is made", () => {
    expect(() => createFs(new MemoryBackend(), { cwd: "rel" })).toThrow(/options.cwd/);
    expect(() => createFs({} as never)).toThrow(/omnistorage Backend/);
  });
});

describe("what the facade does not cover", () => {
  test("every uncovered node:fs function is present and throws an error naming it", () => {
    const fs = createFs(new MemoryBackend());
    for (const name of UNSUPPORTED_FS) {
      expect(() => (fs[name] as () => void)()).toThrow(
        `fs.${name} is not supported by omnistorage-ts/fs`,
      );
    }
    for (const name of UNSUPPORTED_PROMISES) {
      expect(() => (fs.promises[name] as () => void)()).toThrow(
        `fs.promises.${name} is not supported`,
      );
    }
  });

  test("Sync forms on a backend without synchronous methods throw an error naming the function", async () => {
    const root = await mkdtemp(join(tmpdir(), "omnistorage-fsf-"));
    try {
      const fs = createFs(new FileBackend({ root }));
      expect(() => fs.readFileSync("/a")).toThrow(FsNotSupportedError);
      expect(() => fs.readFileSync("/a")).toThrow(
        /fs.readFileSync is not supported.*MemoryBackend/,
      );
      // The promise forms work on any backend.
      await fs.promises.mkdir("/d/e", { recursive: true });
      await fs.promises.writeFile("/d/f.txt", "on disk");
      expect(await fs.promises.readFile("/d/f.txt", "utf8")).toBe("on disk");
      expect(await fs.promises.readdir("/d")).toEqual(["f.txt"]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("Sync forms", () => {
  test("are journaled like the async calls, so the journal matchers see them", () => {
    const backend = new MemoryBackend();
    const fs = createFs(backend);
    fs.writeFileSync("/out.txt", "x");
    fs.renameSync("/out.txt", "/done.txt");
    expect(backend).toHaveWritten("out.txt", 1);
    expect(backend).toHaveMoved("out.txt", "done.txt");
  });

  test("an injected fault fails a Sync call and changes nothing", () => {
    const backend = MemoryBackend.from({ "a.txt": "old" });
    const fs = createFs(backend);
    backend.inject({ op: "write", path: "a.txt" });
    expect(() => fs.writeFileSync("/a.txt", "new")).toThrow(
      expect.objectContaining({ code: "EACCES" }),
    );
    expect(backend).toHaveFile("a.txt", "old");
  });
});

describe("FileHandle and descriptors", () => {
  test("a FileHandle reads and writes at positions, and every write is visible at once", async () => {
    const backend = new MemoryBackend();
    const fsp = createFsPromises(backend);
    const handle = await fsp.open("/f.txt", "w+");
    await handle.write("hello world");
    await handle.write("W", 6);
    expect(backend).toHaveFile("f.txt", "hello World");
    const buffer = Buffer.alloc(5);
    expect((await handle.read(buffer, 0, 5, 0)).bytesRead).toBe(5);
    expect(buffer.toString()).toBe("hello");
    await handle.truncate(5);
    expect((await handle.stat()).size).toBe(5);
    await handle.close();
    await handle.close();
    expect(backend).toHaveFile("f.txt", "hello");
    expect(handle.fd).toBe(-1);
  });

  test("open flags behave as open(2): r needs the file, wx refuses it, a appends", async () => {
    const fsp = createFsPromises(MemoryBackend.from({ "a.txt": "1" }));
    expect(await caught(fsp.open("/missing", "r"))).toMatchObject({
      code: "ENOENT",
      syscall: "open",
    });
    expect(await caught(fsp.open("/a.txt", "wx"))).toMatchObject({ code: "EEXIST" });
    const handle = await fsp.open("/a.txt", "a");
    await handle.write("2");
    await handle.close();
    expect(await fsp.readFile("/a.txt", "utf8")).toBe("12");
  });

  test("descriptors: openSync/writeSync/readSync/closeSync, and EBADF after close", () => {
    const fs = createFs(new MemoryBackend());
    const fd = fs.openSync("/d.txt", "w+");
    expect(fs.writeSync(fd, "abc")).toBe(3);
    const buffer = Buffer.alloc(3);
    expect(fs.readSync(fd, buffer, 0, 3, 0)).toBe(3);
    expect(buffer.toString()).toBe("abc");
    fs.closeSync(fd);
    expect(() => fs.closeSync(fd)).toThrow(expect.objectContaining({ code: "EBADF" }));
    expect(fs.readFileSync("/d.txt", "utf8")).toBe("abc");
  });

  test("callback open/write/close round-trip", async () => {
    const fs = createFs(new MemoryBackend());
    const fd = await new Promise<number>((res, rej) =>
      fs.open("/c.txt", "w", (e: Error, n: number) => (e ? rej(e) : res(n))),
    );
    await new Promise<void>((res, rej) => fs.write(fd, "hi", (e: Error) => (e ? rej(e) : res())));
    await new Promise<void>((res) => fs.close(fd, () => res()));
    expect(fs.readFileSync("/c.txt", "utf8")).toBe("hi");
  });
});

describe("streams", () => {
  test("createReadStream honours start and end (inclusive) and reports ENOENT as an error event", async () => {
    const fs = createFs(MemoryBackend.from({ "s.txt": "0123456789" }));
    const chunks: string[] = [];
    for await (const c of fs.createReadStream("/s.txt", { start: 2, end: 4, encoding: "utf8" }))
      chunks.push(c);
    expect(chunks.join("")).toBe("234");
    const err = await new Promise((res) => fs.createReadStream("/none").on("error", res));
    expect(err).toMatchObject({ code: "ENOENT", syscall: "open", path: "/none" });
  });

  test("createWriteStream stores everything when it finishes; destroyed early, the file stays as opened", async () => {
    const backend = new MemoryBackend();
    const fs = createFs(backend);
    const w = fs.createWriteStream("/w.txt");
    w.write("a");
    await new Promise<void>((res) => w.end("b", () => res()));
    expect(backend).toHaveFile("w.txt", "ab");
    const broken = fs.createWriteStream("/w.txt");
    const failed = new Promise((res) => broken.on("error", res));
    await new Promise((res) => broken.on("ready", res));
    broken.write("partial");
    broken.destroy(new Error("client went away"));
    expect(await failed).toEqual(new Error("client went away"));
    expect(backend).toHaveFile("w.txt", "");
    expect(backend.openHandles()).toEqual([]);
  });

  test("createWriteStream into a missing folder emits ENOENT", async () => {
    const fs = createFs(new MemoryBackend());
    const err = await new Promise((res) => fs.createWriteStream("/no/dir.txt").on("error", res));
    expect(err).toMatchObject({ code: "ENOENT", syscall: "open" });
  });
});

describe("callback and exists forms", () => {
  test("callbacks get (err, result) and exists gets a boolean", async () => {
    const fs = createFs(MemoryBackend.from({ "a.txt": "A" }));
    const text = await new Promise((res, rej) =>
      fs.readFile("/a.txt", "utf8", (e: Error, t: string) => (e ? rej(e) : res(t))),
    );
    expect(text).toBe("A");
    expect(await new Promise((res) => fs.exists("/a.txt", res))).toBe(true);
    expect(await new Promise((res) => fs.exists("/b.txt", res))).toBe(false);
    expect(fs.existsSync(42)).toBe(false);
  });

  test("unawaited appendFile calls lose nothing: each appends, in call order", async () => {
    const fsp = createFsPromises(new MemoryBackend());
    await Promise.all(["a", "b", "c"].map((s) => fsp.appendFile("/log", s)));
    expect(await fsp.readFile("/log", "utf8")).toBe("abc");
  });

  test("unawaited mkdir and writeFile into it succeed in call order", async () => {
    const fsp = createFsPromises(new MemoryBackend());
    const [, , text] = await Promise.all([
      fsp.mkdir("/d"),
      fsp.writeFile("/d/a", "x"),
      fsp.readFile("/d/a", "utf8"),
    ]);
    expect(text).toBe("x");
  });

  test("unawaited writes settle in call order: the last one wins", async () => {
    const fsp = createFsPromises(new MemoryBackend());
    const writes = [fsp.writeFile("/x", "1"), fsp.writeFile("/x", "2"), fsp.writeFile("/x", "3")];
    await Promise.all(writes);
    expect(await fsp.readFile("/x", "utf8")).toBe("3");
  });
});
