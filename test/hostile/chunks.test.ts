import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readFile } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { hostileChunks } from "./corpus.js";

const targets: [string, () => Promise<ExtendedBackend>][] = [
  ["MemoryBackend", async () => new MemoryBackend()],
  [
    "FileBackend",
    async () => new FileBackend({ root: await mkdtemp(join(tmpdir(), "omnistorage-chunks-")) }),
  ],
];

for (const [name, create] of targets) {
  describe(`${name}: every chunk is stored as its bytes or refused, failing the writer`, () => {
    for (const chunk of hostileChunks) {
      test(chunk.label, async () => {
        const b = await create();
        try {
          const w = await b.newWriter("c.bin");
          const wrote = w.write(chunk.make() as Uint8Array);
          if (chunk.bytes === "refused") {
            await expect(wrote).rejects.toThrow(TypeError);
            await expect(w.close()).rejects.toThrow(TypeError);
            expect(await b.list()).toEqual([]);
          } else {
            await wrote;
            await w.close();
            expect([...(await readFile(b, "c.bin"))]).toEqual(chunk.bytes);
          }
          expect((b as MemoryBackend | FileBackend).openHandles()).toEqual([]);
        } finally {
          await b.close();
          if (b instanceof FileBackend) await rm(b.root, { recursive: true, force: true });
        }
      });
    }
  });
}
