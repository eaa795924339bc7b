// Twin of the Go page's "Temporary Storage" block.
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { MemoryBackend } from "omnistorage-ts/memory";
import { expect, test } from "./runner.js";

test("Temporary Storage: process data through memory, then send it elsewhere", async () => {
  const data = { id: 7, tags: ["a", "b"] };
  const destination = new PassThrough(); // any Node Writable: a socket, a file, an HTTP body
  const received: Buffer[] = [];
  destination.on("data", (chunk: Buffer) => received.push(chunk));

  await using mem = new MemoryBackend();

  // Process data through memory (json.NewEncoder(w).Encode(data))
  const w = await mem.newWriter("temp.json");
  await w.write(`${JSON.stringify(data)}\n`);
  await w.close();

  // Read and send elsewhere (io.Copy(destination, r))
  const r = await mem.newReader("temp.json");
  await pipeline(r.toReadable(), destination);

  expect(JSON.parse(Buffer.concat(received).toString())).toEqual(data);
});
