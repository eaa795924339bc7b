// Twin of the Go page's "Extended Operations" block and its feature table.
import { writeFile } from "omnistorage-ts";
import { MemoryBackend } from "omnistorage-ts/memory";
import { describe, expect, test } from "./runner.js";

describe("Extended Operations", () => {
  test("stat, copy and move on the memory backend", async () => {
    await using ext = new MemoryBackend(); // no type assertion needed: it is an ExtendedBackend
    await writeFile(ext, "file.txt", "hello");
    await writeFile(ext, "src.txt", "source");
    await writeFile(ext, "old.txt", "renamed");

    // Get metadata
    const info = await ext.stat("file.txt");
    expect(`Size: ${info.size}`).toBe("Size: 5");

    // Copy in memory
    await ext.copy("src.txt", "dst.txt");

    // Move (rename)
    await ext.move("old.txt", "new.txt");

    expect(await ext.list()).toEqual(["dst.txt", "file.txt", "new.txt", "src.txt"]);
  });

  test("the feature table: stat, copy, move, mkdir and rmdir are supported", () => {
    const features = new MemoryBackend().features();
    expect(features).toMatchObject({
      stat: true,
      copy: true,
      move: true,
      mkdir: true,
      rmdir: true,
    });
  });
});
