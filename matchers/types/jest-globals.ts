/**
 * Types the matchers for Jest with `import { expect } from "@jest/globals"`: augments the
 * `Matchers` interface of the `expect` package, which `@jest/globals` re-exports.
 * `omnistorage-ts/jest` loads it.
 * @packageDocumentation
 */
import type { OmnistorageMatchers } from "./omnistorage-matchers.js";

declare module "expect" {
  // `expect` declares `Matchers<R extends void | Promise<void>, T = unknown>`; the names must
  // match, the constraint and default may be left out.
  interface Matchers<R, T> extends OmnistorageMatchers<R, T> {}
}
