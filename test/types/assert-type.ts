/**
 * Compile-time assertions for the type tests: `assertType<Equal<A, B>>()` fails to compile
 * unless A and B are the same type (not merely assignable, so `any` does not slip through).
 */
export type Equal<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Compiles only when its type argument is `true`. */
export function assertType<T extends true>(): T | undefined {
  return undefined;
}
