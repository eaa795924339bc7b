/**
 * Every key under which `await using` may look for an object's async disposer. Node 20 and 22
 * define `Symbol.asyncDispose` (as `Symbol.for("nodejs.asyncDispose")`) in the main realm only;
 * in a vm realm (Vitest's vmThreads/vmForks pools) it is missing, and code compiled by Babel,
 * oxc, swc or esbuild falls back to `Symbol.for("Symbol.asyncDispose")`. Node 24 has the real
 * well-known symbol in every realm.
 */
const ASYNC_DISPOSE_KEYS: readonly symbol[] = [
  ...new Set(
    [
      (Symbol as { asyncDispose?: symbol }).asyncDispose,
      Symbol.for("nodejs.asyncDispose"),
      Symbol.for("Symbol.asyncDispose"),
    ].filter((key): key is symbol => typeof key === "symbol"),
  ),
];

/**
 * Makes `close()` the async disposer of `prototype` under every key of
 * {@link ASYNC_DISPOSE_KEYS} it does not define yet (non-enumerable, like a class method), so
 * `await using` works in any realm whatever compiled it.
 * @internal
 */
export function defineAsyncDispose(prototype: { close(): Promise<void> }): void {
  for (const key of ASYNC_DISPOSE_KEYS) {
    if (Object.hasOwn(prototype, key)) continue;
    Object.defineProperty(prototype, key, {
      value(this: { close(): Promise<void> }) {
        return this.close();
      },
      writable: true,
      configurable: true,
    });
  }
}
