// Twin of the Go page's "Use Cases / Testing" block: the plain way, without the toolkit.
import { type Backend, readText, writeFile } from "omnistorage-ts";
import { MemoryBackend } from "omnistorage-ts/memory";
import { expect, test } from "./runner.js";

// The code under test only knows the Backend interface.
async function myFunction(backend: Backend): Promise<void> {
  await writeFile(backend, "output.txt", "expected");
}

test("TestMyFunction: run code against a memory backend and verify what it wrote", async () => {
  await using backend = new MemoryBackend();

  // Use backend in tests
  await myFunction(backend);

  // Verify results
  const data = await readText(backend, "output.txt");
  expect(data).toBe("expected");
});
