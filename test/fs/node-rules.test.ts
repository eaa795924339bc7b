import { describe, expect, test } from "vitest";
import { createFs } from "../../src/fs/index.js";
import { MemoryBackend } from "../../src/memory/index.js";

// Rules the differential test found (each failed against real node:fs before its fix); kept
// here by name so a regression says which rule broke.
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `${e.code} ${e.syscall}`;
  }
  return "ok";
};

describe("node:fs rules", () => {
  const fs = () => createFs(MemoryBackend.from({ "f.txt": "x", "d/g": "y" }));

  test("rename resolves the destination's parents before it looks for the source", () => {
    expect(codeOf(() => fs().renameSync("/missing", "/f.txt/a"))).toBe("ENOTDIR rename");
    expect(codeOf(() => fs().renameSync("/no/missing", "/f.txt/a"))).toBe("ENOENT rename");
  });

  test("copyFile checks the destination before it finds a directory source", () => {
    expect(codeOf(() => fs().copyFileSync("/d", "/d", 1))).toBe("EEXIST copyfile");
    expect(codeOf(() => fs().copyFileSync("/d", "/f.txt"))).toBe("EISDIR copyfile");
    expect(codeOf(() => fs().copyFileSync("/f.txt", "/f.txt/a"))).toBe("ENOTDIR copyfile");
    expect(codeOf(() => fs().copyFileSync("/f.txt", "/f.txt", 1))).toBe("EEXIST copyfile");
  });

  test("a directory source leaves the destination file alone (libuv would delete it)", () => {
    const facade = fs();
    expect(codeOf(() => facade.copyFileSync("/d", "/f.txt"))).toBe("EISDIR copyfile");
    expect(facade.readFileSync("/f.txt", "utf8")).toBe("x");
  });

  test("writeFile with flag wx on a directory is EEXIST", () => {
    expect(codeOf(() => fs().writeFileSync("/d", "", { flag: "wx" }))).toBe("EEXIST open");
  });

  test("stat with throwIfNoEntry: false still throws ENOTDIR", () => {
    expect(fs().statSync("/missing", { throwIfNoEntry: false })).toBeUndefined();
    expect(codeOf(() => fs().statSync("/f.txt/a", { throwIfNoEntry: false }))).toBe("ENOTDIR stat");
  });

  test("mkdir -p returns the first directory it created, spelled as given", () => {
    expect(fs().mkdirSync("/d/a/b", { recursive: true })).toBe("/d/a");
    expect(fs().mkdirSync("/d", { recursive: true })).toBeUndefined();
    expect(codeOf(() => fs().mkdirSync("/f.txt/a", { recursive: true }))).toBe("ENOTDIR mkdir");
  });

  test("rm of a directory without recursive is Node's ERR_FS_EISDIR", () => {
    expect(codeOf(() => fs().rmSync("/d"))).toBe("ERR_FS_EISDIR rm");
  });

  test("readFile of a directory fails at the read, naming no path", () => {
    expect(codeOf(() => fs().readFileSync("/d"))).toBe("EISDIR read");
  });

  test("a directory opens read-only, and reading the descriptor is EISDIR", () => {
    const facade = fs();
    const fd = facade.openSync("/d", "r");
    expect(codeOf(() => facade.readSync(fd, Buffer.alloc(4)))).toBe("EISDIR read");
    facade.closeSync(fd);
    expect(codeOf(() => facade.openSync("/d", "r+"))).toBe("EISDIR open");
  });
});

test("writeSync stores a plain copy: a Buffer given is neither kept nor handed back", () => {
  const backend = new MemoryBackend();
  const data = Buffer.from("abc");
  backend.writeSync("a", data);
  data[0] = 0x7a;
  const stored = backend.readSync("a");
  expect(stored).toEqual(new Uint8Array([0x61, 0x62, 0x63]));
  expect(Buffer.isBuffer(stored)).toBe(false);
});

describe("trailing / and /. (found by the differential test)", () => {
  const fs = () => createFs(MemoryBackend.from({ f: "x", "d/g": "y" }));

  test("creating through a trailing slash is EISDIR, after the parents resolve", () => {
    expect(codeOf(() => fs().writeFileSync("/new/", ""))).toBe("EISDIR open");
    expect(codeOf(() => fs().writeFileSync("/f/", ""))).toBe("EISDIR open");
    expect(codeOf(() => fs().writeFileSync("/no/new/", ""))).toBe("ENOENT open");
    expect(codeOf(() => fs().readFileSync("/f/"))).toBe("ENOTDIR open");
  });

  test("`x/.` must already be a directory", () => {
    expect(codeOf(() => fs().writeFileSync("/n/.", ""))).toBe("ENOENT open");
    expect(codeOf(() => fs().writeFileSync("/d/.", "", { flag: "wx" }))).toBe("EEXIST open");
    expect(codeOf(() => fs().mkdirSync("/n/."))).toBe("ENOENT mkdir");
    expect(fs().mkdirSync("/m/.", { recursive: true })).toBe("/m");
  });

  test("mkdir of a file spelled f/ is EEXIST; with -p or as f/. it is ENOTDIR", () => {
    expect(codeOf(() => fs().mkdirSync("/f/"))).toBe("EEXIST mkdir");
    expect(codeOf(() => fs().mkdirSync("/f/", { recursive: true }))).toBe("ENOTDIR mkdir");
    expect(codeOf(() => fs().mkdirSync("/f/."))).toBe("ENOTDIR mkdir");
  });

  test("rmdir and rm -r of d/. are EINVAL and remove nothing", () => {
    const facade = fs();
    expect(codeOf(() => facade.rmdirSync("/d/."))).toBe("EINVAL rmdir");
    expect(codeOf(() => facade.rmSync("/d/.", { recursive: true }))).toBe("EINVAL rmdir");
    expect(facade.readdirSync("/d")).toEqual(["g"]);
  });

  test("cp checks src = dest and self-copies before a directory without recursive, and makes the parents first", () => {
    const facade = fs();
    expect(codeOf(() => facade.cpSync("/d", "/d"))).toBe("ERR_FS_CP_EINVAL cp");
    expect(codeOf(() => facade.cpSync("/d", "/d/x"))).toBe("ERR_FS_CP_EINVAL cp");
    expect(codeOf(() => facade.cpSync("/d", "/p/q"))).toBe("ERR_FS_EISDIR cp");
    expect(facade.existsSync("/p")).toBe(true);
  });

  test("cp refuses a directory onto a file and a file onto a directory before anything else", () => {
    expect(codeOf(() => fs().cpSync("/d", "/f"))).toBe("ERR_FS_CP_DIR_TO_NON_DIR cp");
    expect(codeOf(() => fs().cpSync("/f", "/d"))).toBe("ERR_FS_CP_NON_DIR_TO_DIR cp");
  });

  // Seed -718214413 at FS_DIFF_RUNS=10000: mkdir c.txt/, writeFile c.txt/c.txt, rename it to c.txt.
  test("rename onto an ancestor of the source is ENOTEMPTY, before the file-onto-directory EISDIR", () => {
    const f = createFs(MemoryBackend.from({ "c/c.txt": "", "c/d/e": "" }));
    expect(codeOf(() => f.renameSync("/c/c.txt", "/c"))).toBe("ENOTEMPTY rename");
    expect(codeOf(() => f.renameSync("/c/d/e", "/c"))).toBe("ENOTEMPTY rename");
    expect(codeOf(() => f.renameSync("/c/d", "/c"))).toBe("ENOTEMPTY rename");
    expect(f.readdirSync("/c", { recursive: true }).sort()).toEqual(["c.txt", "d", "d/e"]);
  });
});
