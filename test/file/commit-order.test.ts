import { rm } from "node:fs/promises";
import { describe, expect, test, vi } from "vitest";
import { readText } from "../../src/core/helpers.js";
import type { FileBackend } from "../../src/file/index.js";
import { tempDir, useDisk } from "./disk.js";

/** A fresh copy of the file entry, as the ESM and CommonJS builds are two copies of the package. */
async function loadFileEntry(): Promise<typeof import("../../src/file/index.js")> {
  vi.resetModules();
  return import("../../src/file/index.js");
}

/** Writers from `a` (much to write) and then `b` (one byte) close together: `b`'s must win. */
async function expectLastCloseWins(a: FileBackend, b: FileBackend): Promise<void> {
  for (let run = 0; run < 8; run++) {
    const early = await a.newWriter("shared.txt");
    const late = await b.newWriter("shared.txt");
    void early.write("E".repeat(2_000_000));
    void late.write("L");
    await Promise.all([early.close(), late.close()]);
    expect(await readText(a, "shared.txt")).toBe("L");
  }
}

describe("commits to one file keep close() order across backends over one folder", () => {
  const disk = useDisk();

  test("two FileBackends over one folder: the writer whose close() is called last wins", async () => {
    const { backend, root } = disk();
    const { FileBackend } = await import("../../src/file/index.js");
    const twin = new FileBackend({ root });
    try {
      await expectLastCloseWins(backend, twin);
    } finally {
      await twin.close();
    }
  });

  test("two FileBackends from two module copies (ESM and CommonJS builds) over one folder: the same", async () => {
    const first = await loadFileEntry();
    const second = await loadFileEntry();
    expect(first.FileBackend).not.toBe(second.FileBackend);
    const root = await tempDir("commit-order");
    const a = new first.FileBackend({ root });
    const b = new second.FileBackend({ root });
    try {
      await expectLastCloseWins(a, b);
    } finally {
      await a.close();
      await b.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
