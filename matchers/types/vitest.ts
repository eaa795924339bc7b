/**
 * Types the matchers for Vitest 3, 4 and 5 with one declaration. `omnistorage-ts/vitest` loads
 * it.
 *
 * Vitest 3 and 4 declare `Assertion<T>` (received type only); Vitest 5 declares
 * `Assertion<R, T>` (return type first) and no longer reads the global `jest.Matchers`. An
 * augmentation with type parameters can merge with only one of those shapes (TS2428 "All
 * declarations must have identical type parameters"), so this one declares none: every
 * parameter of both shapes has a default, which makes a parameterless declaration valid for
 * each. Each member then reads `R` and `T` off the polymorphic `this` (the assertion it is
 * called on), which is `Assertion<T>` on Vitest 3/4 and `Assertion<R, T>` on Vitest 5.
 * @packageDocumentation
 */
import type { Assertion } from "vitest";
import type { Backend } from "../../src/core/types.js";
import type { SyncSubject } from "../to-tree.js";
import type { BackendMatcherReturn, OmnistorageMatchers } from "./omnistorage-matchers.js";

/** Vitest 5's assertions return their `R`: `Assertion<Promise<void>>` returns promises. */
type IsVitest5 =
  ReturnType<Assertion<Promise<void>>["toBeTypeOf"]> extends Promise<void> ? true : false;

// biome-ignore lint/suspicious/noTsIgnore: Vitest 5 has no error here, so @ts-expect-error would fail there
/** @ts-ignore Vitest 3/4 declare Assertion<T> alone (TS2707 there); only Vitest 5 reads this. */
type ReceivedOn5<A> = A extends Assertion<infer _R, infer T> ? T : unknown;

type ReceivedOn4<A> = A extends Assertion<infer T> ? T : unknown;

/** The received type `T` of an assertion, on either major. */
type ReceivedOf<A> = IsVitest5 extends true ? ReceivedOn5<A> : ReceivedOn4<A>;

/** What the assertion's own matchers return: `void`, or `Promise<void>` after `.resolves`. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` is what the runners' matchers return
type ReturnOf<A> = A extends { toBeTypeOf: (...args: never[]) => infer R } ? R : void;

/** Our matchers as seen from assertion `A`. */
type On<A> = OmnistorageMatchers<ReturnOf<A>, ReceivedOf<A>>;

declare module "vitest" {
  /**
   * omnistorage's matchers; see {@link OmnistorageMatchers} for each one's documentation.
   * A parameterless declaration cannot extend `OmnistorageMatchers<R, T>`, so each member is
   * listed: add one line here for each member added there (the Vitest type test checks it).
   */
  interface Assertion {
    /** {@inheritDoc OmnistorageMatchers.toHaveFile} */
    toHaveFile: On<this>["toHaveFile"];
    /** {@inheritDoc OmnistorageMatchers.toContainJSON} */
    toContainJSON: On<this>["toContainJSON"];
    /** {@inheritDoc OmnistorageMatchers.toHaveFiles} */
    toHaveFiles: On<this>["toHaveFiles"];
    /** {@inheritDoc OmnistorageMatchers.toHaveDirectory} */
    toHaveDirectory: On<this>["toHaveDirectory"];
    /** {@inheritDoc OmnistorageMatchers.toHaveFileCount} */
    toHaveFileCount: On<this>["toHaveFileCount"];
    /** {@inheritDoc OmnistorageMatchers.toMatchTree} */
    toMatchTree: On<this>["toMatchTree"];
    /** {@inheritDoc OmnistorageMatchers.toMatchBackend} */
    toMatchBackend<O extends Backend | SyncSubject>(
      other: O,
    ): BackendMatcherReturn<ReturnOf<this>, ReceivedOf<this>, O>;
    /** {@inheritDoc OmnistorageMatchers.toHaveWritten} */
    toHaveWritten: On<this>["toHaveWritten"];
    /** {@inheritDoc OmnistorageMatchers.toHaveDeleted} */
    toHaveDeleted: On<this>["toHaveDeleted"];
    /** {@inheritDoc OmnistorageMatchers.toHaveCopied} */
    toHaveCopied: On<this>["toHaveCopied"];
    /** {@inheritDoc OmnistorageMatchers.toHaveMoved} */
    toHaveMoved: On<this>["toHaveMoved"];
  }
}
