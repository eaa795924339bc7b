// Twin of the Go page's "Sync Testing" block: sync.Sync(ctx, src, dst, "", "", sync.Options{}).
import { writeFile } from "omnistorage-ts";
import { MemoryBackend } from "omnistorage-ts/memory";
import { sync } from "omnistorage-ts/sync";
import { expect, test } from "./runner.js";

test("Sync Testing: sync between memory backends", async () => {
  // Test sync between memory backends
  await using src = new MemoryBackend();
  await using dst = new MemoryBackend();

  // Populate source
  await writeFile(src, "file.txt", "content");

  // Sync
  const result = await sync(src, dst, "", "");

  // Verify
  const exists = await dst.exists("file.txt");
  expect(exists).toBe(true);
  expect(result.copied).toBe(1);
  expect(result.success).toBe(true);
});
