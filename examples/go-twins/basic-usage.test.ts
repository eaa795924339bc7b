// Twin of the Go page's "Basic Usage" block.
import { readAll } from "omnistorage-ts";
import { MemoryBackend } from "omnistorage-ts/memory";
import { expect, test } from "./runner.js";

test("Basic Usage: write a file, then read it back", async () => {
  await using backend = new MemoryBackend(); // defer backend.Close()

  // Write
  const w = await backend.newWriter("test/data.json");
  await w.write('{"key": "value"}');
  await w.close();

  // Read
  const r = await backend.newReader("test/data.json");
  const data = await readAll(r); // io.ReadAll(r); readAll also closes r

  expect(new TextDecoder().decode(data)).toBe('{"key": "value"}');
});
