// Runs under Vitest and Jest: a Nitro-style handler over unstorage, with a MemoryBackend behind
// it, checked with the toolkit's matchers and an injected fault.
import { matchers } from "omnistorage-ts/matchers";
import { MemoryBackend } from "omnistorage-ts/memory";
import { omnistorageDriver } from "omnistorage-ts/unstorage";
import { createStorage } from "unstorage";
import { expect, test } from "../go-twins/runner.js";
import { createOrder } from "./orders-handler.js";

expect.extend(matchers);

function setup() {
  const backend = new MemoryBackend();
  const storage = createStorage({ driver: omnistorageDriver({ backend }) });
  return { backend, storage };
}

test("an order is stored as orders/<id> and counted", async () => {
  const { backend, storage } = setup();
  expect(await createOrder(storage, { id: "a-1", total: 30 })).toEqual({
    status: 201,
    body: { id: "a-1", count: 1 },
  });
  expect(backend).toContainJSON("orders/a-1", { total: 30 });
  expect(backend).toHaveWritten("orders/a-1", 1);
});

test("a storage fault answers 503 and stores nothing", async () => {
  const { backend, storage } = setup();
  backend.inject({ op: "newWriter", path: "orders/**" });
  expect((await createOrder(storage, { id: "a-2", total: 5 })).status).toBe(503);
  expect(backend).toHaveFileCount(0);
});

test("a bad id never reaches the storage", async () => {
  const { backend, storage } = setup();
  expect((await createOrder(storage, { id: "../x", total: 1 })).status).toBe(400);
  expect(backend.journal).toEqual([]);
});
