import type { Backend } from "../core/types.js";
import { createFs } from "./create-fs.js";

// Shared through globalThis, so the ESM and CommonJS copies of the package (and a mock
// factory that loads the other one) see the same active backend.
const ACTIVE: unique symbol = Symbol.for("omnistorage.activeMemoryFs");
type Holder = { [ACTIVE]?: Backend };

/**
 * Routes {@link memoryFsModule} to `backend` (the fixtures call this before each test).
 * @param backend - the backend the mocked module should reach, or undefined to unset
 * @public
 */
export function setMemoryFsBackend(backend: Backend | undefined): void {
  (globalThis as Holder)[ACTIVE] = backend;
}

function active(): Backend {
  const backend = (globalThis as Holder)[ACTIVE];
  if (!backend) {
    // An `ERR_` code, so the facade passes it on as it is instead of reporting a disk error.
    throw Object.assign(
      new Error(
        "omnistorage-ts/fs: node:fs is mocked with memoryFsModule(), but no useMemoryFs() is active. " +
          "Call useMemoryFs() at the top of the test file (from omnistorage-ts/vitest or omnistorage-ts/jest).",
      ),
      { code: "ERR_NO_ACTIVE_MEMORY_FS" },
    );
  }
  return backend;
}

/** A backend that is, at each call, the active one: every method is looked up when called. */
const routed = new Proxy({} as Backend, {
  has: (_target, key) => typeof key === "string",
  get(_target, key) {
    if (typeof key !== "string" || key === "then") return undefined;
    return (...args: unknown[]) => {
      const backend = active();
      const method = Reflect.get(backend, key) as (...a: unknown[]) => unknown;
      if (typeof method !== "function") {
        throw new TypeError(`omnistorage-ts/fs: the active backend has no method ${key}`);
      }
      return method.apply(backend, args);
    };
  },
});

/**
 * A module object for `vi.mock` / `jest.mock` that routes `node:fs` or `node:fs/promises` to
 * the running test's `useMemoryFs()` backend.
 *
 * @param specifier - `"node:fs"`, `"fs"`, `"node:fs/promises"` or `"fs/promises"`
 * @example
 * ```ts
 * vi.mock("node:fs/promises", () => import("omnistorage-ts/fs").then((m) => m.memoryFsModule("node:fs/promises")));
 * jest.mock("node:fs", () => require("omnistorage-ts/fs").memoryFsModule("node:fs"));
 * ```
 * @public
 */
export function memoryFsModule(specifier = "node:fs"): Record<string, unknown> {
  const fs = createFs(routed);
  const module = /(^|:)fs\/promises$/.test(specifier) ? fs.promises : fs;
  return { ...module, default: module, __esModule: true };
}
