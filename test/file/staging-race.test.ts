import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { readText, writeFile } from "../../src/core/helpers.js";
import { STAGING_DIR } from "../../src/file/confined-root.js";
import { useDisk } from "./disk.js";

// Set by a test: the next lstat of this path first removes it, as a finishing writer of another
// backend on the same root would between our mkdir (EEXIST) and our lstat.
const vanish = vi.hoisted(() => ({ path: undefined as string | undefined }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    lstat: (async (path: string, ...rest: []) => {
      if (path === vanish.path) {
        vanish.path = undefined;
        await actual.rmdir(path);
      }
      return actual.lstat(path, ...rest);
    }) as typeof actual.lstat,
  };
});

describe("FileBackend staging under a race", () => {
  const disk = useDisk();

  test("a staging directory removed between mkdir and lstat is created again, and the write succeeds", async () => {
    const { backend, root } = disk();
    const staging = join(root, STAGING_DIR);
    await mkdir(staging);
    vanish.path = staging;
    await writeFile(backend, "raced.txt", "made it");
    expect(vanish.path).toBeUndefined();
    expect(await readText(backend, "raced.txt")).toBe("made it");
  });
});
