import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isClosed } from "../../src/core/errors.js";
import { writeFile } from "../../src/core/helpers.js";
import { FileBackend } from "../../src/file/index.js";
import { onDisk, tempDir } from "./disk.js";

/** What is really on disk: every entry (directories end with `/`), files with their text. */
async function diskState(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await onDisk(root)) {
    out[entry] = entry.endsWith("/") ? "" : await readFile(join(root, entry), "utf8");
  }
  return out;
}

/** The same small tree on every root: a file and a folder with a nested file. */
async function seed(b: FileBackend): Promise<void> {
  await writeFile(b, "a.txt", "alpha");
  await writeFile(b, "dir/one.txt", "one");
  await writeFile(b, "dir/sub/two.txt", "two");
}

type Op = (b: FileBackend, signal: AbortSignal) => Promise<unknown>;
const OPS: Record<string, Op> = {
  "write a new file below new folders": (b, signal) =>
    writeFile(b, "new/deep/f.txt", "data", { signal }),
  "overwrite a file": (b, signal) => writeFile(b, "a.txt", "replaced", { signal }),
  "copy a file into new folders": (b, signal) => b.copy("a.txt", "cp/deep/a.txt", { signal }),
  "copy a folder into new folders": (b, signal) => b.copy("dir", "cp/deep/dir", { signal }),
  "move a file into new folders": (b, signal) => b.move("a.txt", "mv/deep/a.txt", { signal }),
  "move a folder into new folders": (b, signal) => b.move("dir", "mv/deep/dir", { signal }),
  mkdir: (b, signal) => b.mkdir("mk/a/b", { signal }),
  "rmdir recursive": (b, signal) => b.rmdir("dir", { recursive: true, signal }),
  delete: (b, signal) => b.delete("a.txt", { signal }),
  "hash then nothing": (b, signal) => b.hash("dir/sub/two.txt", "sha256", { signal }),
};

/** Lets `turns` event-loop turns pass, so file system calls in flight make progress. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("FileBackend: an operation aborted at any point changes nothing and leaves nothing behind", () => {
  test("property: aborted → the disk is as before (no staging, no empty folders); resolved → as if never aborted", async () => {
    // Each op's complete effect, measured once on a root of its own.
    const complete: Record<string, Record<string, string>> = {};
    for (const [name, op] of Object.entries(OPS)) {
      const b = new FileBackend({ root: await tempDir("abort-ref") });
      await seed(b);
      await op(b, new AbortController().signal);
      complete[name] = await diskState(b.root);
      await b.close();
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(OPS)),
        fc.nat({ max: 12 }),
        fc.nat({ max: 40 }),
        async (name, wait, ticks) => {
          const b = new FileBackend({ root: await tempDir("abort") });
          try {
            await seed(b);
            const before = await diskState(b.root);
            const controller = new AbortController();
            const reason = new Error("aborted by the test");
            const outcome = (OPS[name] as Op)(b, controller.signal).then(
              () => "resolved",
              (err: unknown) => err,
            );
            await turns(wait);
            for (let i = 0; i < ticks; i++) await Promise.resolve();
            controller.abort(reason);
            const result = await outcome;
            // Cleanup that follows an abort may be asynchronous; the backend's close waits for it.
            await b.close();
            const after = await diskState(b.root);
            if (result === "resolved") expect(after).toEqual(complete[name]);
            else {
              // A writer aborted by its signal while close() waits makes close() reject with
              // WriterClosedError (SPEC "Writers"); every other operation rejects with the reason.
              if (result !== reason) expect(isClosed(result)).toBe(true);
              expect(after).toEqual(before);
            }
          } finally {
            await b.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);
});
