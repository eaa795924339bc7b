import { describe, expect, test, vi } from "vitest";
import { readText } from "../../src/core/helpers.js";
import { tempDir } from "./disk.js";

/** A fresh copy of the file entry, as the ESM and CommonJS builds are two copies of the package. */
async function loadFileEntry(): Promise<typeof import("../../src/file/index.js")> {
  vi.resetModules();
  return import("../../src/file/index.js");
}

describe("commits to one file keep close() order across copies of the package", () => {
  test("two FileBackends from two module copies over one folder: the last close() called wins", async () => {
    const first = await loadFileEntry();
    const second = await loadFileEntry();
    expect(first.FileBackend).not.toBe(second.FileBackend);
    const root = await tempDir("commit-order");
    const a = new first.FileBackend({ root });
    const b = new second.FileBackend({ root });
    try {
      for (let run = 0; run < 8; run++) {
        const early = await a.newWriter("shared.txt");
        const late = await b.newWriter("shared.txt");
        void early.write("E".repeat(2_000_000));
        void late.write("L");
        await Promise.all([early.close(), late.close()]);
        expect(await readText(a, "shared.txt")).toBe("L");
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
