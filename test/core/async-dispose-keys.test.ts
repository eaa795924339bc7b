// `await using` compiled by Babel, oxc, swc or esbuild looks the disposer up under
// `Symbol.asyncDispose || Symbol.for("Symbol.asyncDispose")`. Node 20 and 22 define
// Symbol.asyncDispose in the main realm only, so in a vm realm (Vitest's vmThreads/vmForks
// pools, Jest environments) the lookup falls back to the registered symbol.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { afterEach, describe, expect, test } from "vitest";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const backends = {
  memory: async () => new MemoryBackend(),
  file: async () => {
    const root = await mkdtemp(join(tmpdir(), "omnistorage-dispose-"));
    dirs.push(root);
    return new FileBackend({ root });
  },
};

// The lookups transpilers emit, run in a realm whose Symbol has no asyncDispose (as on Node 20/22).
const LOOKUPS = {
  "Babel/oxc/swc": "Symbol.asyncDispose || Symbol.for('Symbol.asyncDispose')",
  esbuild: "Symbol['asyncDispose'] ?? Symbol.for('Symbol.asyncDispose')",
  "Node's own symbol": "Symbol.for('nodejs.asyncDispose')",
};

describe.each(Object.entries(backends))("%s backend", (_name, make) => {
  test.each(Object.entries(LOOKUPS))(
    "await using compiled with the %s lookup disposes it from another realm",
    async (_lookup, expression) => {
      const backend = await make();
      const realm = createContext({ backend });
      const dispose = runInContext(`backend[${expression}]`, realm) as unknown;
      expect(typeof dispose).toBe("function");
      await (dispose as () => Promise<void>).call(backend);
      expect(backend.closed).toBe(true);
    },
  );

  test("the disposer keys are not enumerable, so they stay out of spreads and snapshots", async () => {
    const backend = await make();
    const proto = Object.getPrototypeOf(backend) as object;
    for (const key of Object.getOwnPropertySymbols(proto)) {
      expect(Object.getOwnPropertyDescriptor(proto, key)?.enumerable).toBe(false);
    }
  });
});
