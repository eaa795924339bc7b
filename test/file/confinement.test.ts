import { mkdir, readFile, stat, symlink, writeFile as writeDisk } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isInvalidPath, isPermissionDenied } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import { ConfinedRoot, STAGING_DIR } from "../../src/file/confined-root.js";
import { FileBackend } from "../../src/file/index.js";
import { diskText, onDisk, useDisk } from "./disk.js";

/** Asserts a rejection with PermissionDeniedError for `op`. */
async function refused(promise: Promise<unknown>, op: string): Promise<Error> {
  const err = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(isPermissionDenied(err), String(err)).toBe(true);
  expect(err).toMatchObject({ op });
  return err as Error;
}

/** The outside folder with one secret file. */
async function plantOutside(outside: string): Promise<void> {
  await mkdir(outside, { recursive: true });
  await writeDisk(join(outside, "secret.txt"), "top secret");
}

describe("FileBackend never reads or writes outside its root", () => {
  const disk = useDisk();

  test("`..` segments are rejected with InvalidPathError and nothing is created outside", async () => {
    const { backend, root } = disk();
    for (const path of ["../escape.txt", "a/../../escape.txt", "a/.."]) {
      const err = await backend.newWriter(path).catch((e: unknown) => e);
      expect(isInvalidPath(err)).toBe(true);
      await expect(backend.mkdir(path)).rejects.toMatchObject({ code: "EINVAL" });
      await expect(backend.newReader(path)).rejects.toMatchObject({ code: "EINVAL" });
    }
    await expect(stat(join(root, "..", "escape.txt"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await onDisk(root)).toEqual([]);
  });

  test("an absolute path is relative to the root: /etc/passwd means <root>/etc/passwd", async () => {
    const { backend, root } = disk();
    await expect(backend.newReader("/etc/passwd")).rejects.toMatchObject({ code: "ENOENT" });
    expect(await backend.exists("/etc")).toBe(false);
    await writeFile(backend, "/etc/passwd", "not the real one");
    expect(await diskText(join(root, "etc", "passwd"))).toBe("not the real one");
    expect(await readText(backend, "/etc/passwd")).toBe("not the real one");
    expect(await backend.list("/etc/")).toEqual(["etc/passwd"]);
  });

  describe("a directory link inside the root that points outside", () => {
    async function setUp() {
      const ctx = disk();
      await plantOutside(ctx.outside);
      await symlink(ctx.outside, join(ctx.root, "link"));
      await writeFile(ctx.backend, "ok.txt", "ok");
      return ctx;
    }

    test("reading through it is refused: newReader, hash, stat, exists", async () => {
      const { backend } = await setUp();
      await refused(backend.newReader("link/secret.txt"), "newReader");
      await refused(backend.hash("link/secret.txt", "sha256"), "hash");
      await refused(backend.stat("link/secret.txt"), "stat");
      await refused(backend.stat("link"), "stat");
      await refused(backend.exists("link/secret.txt"), "exists");
      await refused(backend.exists("link"), "exists");
    });

    test("writing through it is refused and nothing appears outside: newWriter, mkdir, copy, move", async () => {
      const { backend, outside } = await setUp();
      await refused(backend.newWriter("link/new.txt"), "newWriter");
      await refused(backend.newWriter("link/deep/new.txt"), "newWriter");
      await refused(backend.mkdir("link/sub"), "mkdir");
      await refused(backend.copy("ok.txt", "link/copied.txt"), "copy");
      await refused(backend.move("ok.txt", "link/moved.txt"), "move");
      expect(await onDisk(outside)).toEqual(["secret.txt"]);
      expect(await readText(backend, "ok.txt")).toBe("ok");
    });

    test("removing through it is refused and the outside is untouched: delete, rmdir, move", async () => {
      const { backend, outside } = await setUp();
      await refused(backend.delete("link/secret.txt"), "delete");
      await refused(backend.rmdir("link", { recursive: true }), "rmdir");
      await refused(backend.move("link/secret.txt", "stolen.txt"), "move");
      await refused(backend.move("link", "moved"), "move");
      await refused(backend.copy("link", "copied"), "copy");
      await refused(backend.copy("link/secret.txt", "copied.txt"), "copy");
      expect(await diskText(join(outside, "secret.txt"))).toBe("top secret");
      expect(await backend.list()).toEqual(["ok.txt"]);
    });

    test("list never shows what is behind it, and a prefix through it is refused", async () => {
      const { backend } = await setUp();
      expect(await backend.list()).toEqual(["ok.txt"]);
      expect(await backend.list("li")).toEqual([]);
      await refused(backend.list("link/"), "list");
    });

    test("a planted link below a real directory is refused the same way", async () => {
      const { backend, root, outside } = await setUp();
      await backend.mkdir("a/b");
      await symlink(outside, join(root, "a", "b", "escape"));
      await refused(backend.newReader("a/b/escape/secret.txt"), "newReader");
      await refused(backend.newWriter("a/b/escape/x.txt"), "newWriter");
      await refused(backend.list("a/b/escape/"), "list");
      await symlink(join(outside, "secret.txt"), join(root, "a", "b", "evil.txt"));
      await refused(backend.newReader("a/b/evil.txt"), "newReader");
      await refused(backend.stat("a/b/evil.txt"), "stat");
      await refused(backend.newWriter("a/b/evil.txt"), "newWriter");
      expect(await backend.list("a/")).toEqual([]);
    });
  });

  describe("a file link inside the root that points outside", () => {
    async function setUp() {
      const ctx = disk();
      await plantOutside(ctx.outside);
      await symlink(join(ctx.outside, "secret.txt"), join(ctx.root, "evil.txt"));
      return ctx;
    }

    test("reading it is refused", async () => {
      const { backend } = await setUp();
      await refused(backend.newReader("evil.txt"), "newReader");
      await refused(backend.hash("evil.txt", "md5"), "hash");
      await refused(backend.stat("evil.txt"), "stat");
      await refused(backend.copy("evil.txt", "copy.txt"), "copy");
      expect(await backend.list()).toEqual([]);
    });

    test("writing, deleting or moving onto it is refused and the target outside is unchanged", async () => {
      const { backend, outside } = await setUp();
      await writeFile(backend, "ok.txt", "ok");
      await refused(backend.newWriter("evil.txt"), "newWriter");
      await refused(backend.delete("evil.txt"), "delete");
      await refused(backend.copy("ok.txt", "evil.txt"), "copy");
      await refused(backend.move("ok.txt", "evil.txt"), "move");
      expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("top secret");
    });

    test("a writer opened before the link was planted refuses to commit over it", async () => {
      const { backend, root, outside } = disk();
      await plantOutside(outside);
      const writer = await backend.newWriter("later.txt");
      await writer.write("overwrite attempt");
      await symlink(join(outside, "secret.txt"), join(root, "later.txt"));
      await refused(writer.close(), "close");
      expect(await diskText(join(outside, "secret.txt"))).toBe("top secret");
    });
  });

  describe("links that point inside the root are refused too", () => {
    test("a file link and a directory link to real entries inside cannot be read, written or listed", async () => {
      const { backend, root } = disk();
      await writeFile(backend, "real/data.txt", "inside");
      await symlink(join(root, "real"), join(root, "alias"));
      await symlink(join(root, "real", "data.txt"), join(root, "alias.txt"));
      await symlink("real/data.txt", join(root, "relative.txt"));
      await refused(backend.newReader("alias/data.txt"), "newReader");
      await refused(backend.newReader("alias.txt"), "newReader");
      await refused(backend.newReader("relative.txt"), "newReader");
      await refused(backend.newWriter("alias/other.txt"), "newWriter");
      expect(await backend.list()).toEqual(["real/data.txt"]);
      expect(await readText(backend, "real/data.txt")).toBe("inside");
    });
  });

  describe("walks skip links instead of following them", () => {
    test("copying a directory that holds a link copies everything but the link", async () => {
      const { backend, root, outside } = disk();
      await plantOutside(outside);
      await writeFile(backend, "src/a.txt", "a");
      await symlink(outside, join(root, "src", "out-dir"));
      await symlink(join(outside, "secret.txt"), join(root, "src", "out.txt"));
      await backend.copy("src", "dst");
      expect(await onDisk(join(root, "dst"))).toEqual(["a.txt"]);
      expect(await backend.list()).toEqual(["dst/a.txt", "src/a.txt"]);
    });

    test("rmdir recursive removes a planted link, not what it points to", async () => {
      const { backend, root, outside } = disk();
      await plantOutside(outside);
      await writeFile(backend, "d/a.txt", "a");
      await symlink(outside, join(root, "d", "out-dir"));
      await backend.rmdir("d", { recursive: true });
      expect(await onDisk(root)).toEqual([]);
      expect(await onDisk(outside)).toEqual(["secret.txt"]);
    });

    test("moving a directory carries its links along, still refused at the new place", async () => {
      const { backend, root, outside } = disk();
      await plantOutside(outside);
      await backend.mkdir("d");
      await symlink(outside, join(root, "d", "out"));
      await backend.move("d", "e");
      await refused(backend.newReader("e/out/secret.txt"), "newReader");
    });
  });

  test("a staging directory planted as a link is refused: no temporary file is written outside", async () => {
    const { backend, root, outside } = disk();
    await mkdir(outside, { recursive: true });
    await writeFile(backend, "ok.txt", "ok");
    await symlink(outside, join(root, STAGING_DIR));
    await refused(backend.newWriter("x.txt"), "newWriter");
    await refused(backend.copy("ok.txt", "y.txt"), "copy");
    await refused(backend.copy("ok.txt", "dir/y.txt"), "copy");
    expect(await onDisk(outside)).toEqual([]);
  });

  test("a root that is itself a link is resolved once, and works", async () => {
    const { root } = disk();
    await mkdir(join(root, "real-root"));
    await symlink(join(root, "real-root"), join(root, "root-link"));
    const backend = new FileBackend({ root: join(root, "root-link") });
    await writeFile(backend, "f.txt", "through the root link");
    expect(backend.root).toBe(join(root, "real-root"));
    expect(await diskText(join(root, "real-root", "f.txt"))).toBe("through the root link");
    await backend.close();
  });

  test.runIf(process.platform === "linux")(
    "a descriptor that resolves outside the root is refused even when the path check was skipped (TOCTOU defence)",
    async () => {
      const { root, outside } = disk();
      await plantOutside(outside);
      await symlink(outside, join(root, "swapped"));
      // openRead is what runs after the lstat walk; call it directly as if a directory had been
      // swapped for a link between the walk and the open.
      const confined = new ConfinedRoot(root);
      const err = await refused(confined.openRead("newReader", "swapped/secret.txt"), "newReader");
      expect(err.message).toContain("resolves outside the root");
    },
  );
});
