/**
 * Types the matchers for Jest with the global `expect` of `@types/jest`: augments the global
 * `jest.Matchers`. `omnistorage-ts/jest` loads it; by hand: `import "omnistorage-ts/jest"` in a file
 * your tsconfig includes.
 * @packageDocumentation
 */
import type { OmnistorageMatchers } from "./omnistorage-matchers.js";

declare global {
  namespace jest {
    // Type parameters as @types/jest names them; constraints and defaults may be left out.
    interface Matchers<R, T> extends OmnistorageMatchers<R, T> {}
  }
}
