// Twin of the Go page's "Installation" and "Using the Registry" blocks.
import { backends, open } from "omnistorage-ts";
import "omnistorage-ts/memory"; // like Go's blank import: registers "memory"
import { MemoryBackend } from "omnistorage-ts/memory";
import { expect, test } from "./runner.js";

test("Using the Registry: open the memory backend by name", async () => {
  const backend = await open("memory"); // omnistorage.Open("memory", nil)

  expect(backends()).toContain("memory");
  expect(backend).toBeInstanceOf(MemoryBackend);
  await backend.close();
});
