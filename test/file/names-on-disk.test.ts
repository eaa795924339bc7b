import { Buffer } from "node:buffer";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isInvalidPath } from "../../src/core/errors.js";
import { readText, writeFile } from "../../src/core/helpers.js";
import { useDisk } from "./disk.js";

/** An absolute path whose last name is `name` bytes (not valid UTF-8), as a Buffer path. */
const rawPath = (dir: string, name: number[]): Buffer =>
  Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(name)]);

describe("FileBackend and names that are not valid UTF-8 or not well-formed Unicode", () => {
  const disk = useDisk();

  test("a file whose name on disk is not valid UTF-8 is skipped by list, like a symlink", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "a.txt", "ok");
    writeFileSync(rawPath(root, [0x62, 0xff, 0x2e, 0x74]), "latin1 name"); // "b\xff.t"
    mkdirSync(join(root, "d"));
    writeFileSync(rawPath(join(root, "d"), [0xc3, 0x28]), "bad pair");
    writeFileSync(join(root, "d", "ok.txt"), "fine");
    expect(await backend.list()).toEqual(["a.txt", "d/ok.txt"]);
    expect(await backend.list("b")).toEqual([]);
    expect(await backend.exists("b\ufffd.t")).toBe(false);
  });

  test("a directory whose name on disk is not valid UTF-8 is not walked", async () => {
    const { backend, root } = disk();
    const dir = rawPath(root, [0x78, 0xfe]);
    mkdirSync(dir);
    writeFileSync(Buffer.concat([dir, Buffer.from("/inner.txt")]), "hidden");
    expect(await backend.list()).toEqual([]);
  });

  test("copying a directory leaves names that are not valid UTF-8 behind", async () => {
    const { backend, root } = disk();
    await writeFile(backend, "src/keep.txt", "kept");
    writeFileSync(rawPath(join(root, "src"), [0x80]), "skipped");
    await backend.copy("src", "dst");
    expect(await backend.list("dst/")).toEqual(["dst/keep.txt"]);
    expect(await readText(backend, "dst/keep.txt")).toBe("kept");
  });

  test("keys with distinct lone surrogates are refused, never merged into one name on disk", async () => {
    const { backend } = disk();
    for (const key of ["a\ud800.txt", "a\udbff.txt"]) {
      const err = await writeFile(backend, key, key).catch((e: unknown) => e);
      expect(isInvalidPath(err)).toBe(true);
    }
    expect(await backend.list()).toEqual([]);
  });

  test("property: list gives exactly the files whose names on disk are valid UTF-8", async () => {
    const { backend, root } = disk();
    // Name bytes: no "/" and no NUL; "." and ".." are not creatable names, so they are avoided.
    const nameBytes = fc
      .uint8Array({ minLength: 1, maxLength: 4 })
      .filter((b) => !b.includes(0x2f) && !b.includes(0) && !b.every((x) => x === 0x2e));
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(nameBytes, { maxLength: 6, selector: (b) => b.join() }),
        async (names) => {
          const dir = join(root, `run${run++}`);
          mkdirSync(dir);
          const expected: string[] = [];
          for (const name of names) {
            writeFileSync(rawPath(dir, [...name]), "x");
            try {
              expected.push(`${dir.slice(root.length + 1)}/${strict.decode(name)}`);
            } catch {
              // not valid UTF-8: must not be listed
            }
          }
          const listed = await backend.list(`${dir.slice(root.length + 1)}/`);
          expect(listed).toEqual(expected.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
          for (const path of listed) expect(await readText(backend, path)).toBe("x");
          rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});
