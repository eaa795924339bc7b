import { createRequire } from "node:module";

/** The Node built-ins loaded on first use, by name. */
interface LazyBuiltins {
  "node:crypto": typeof import("node:crypto");
  "node:stream": typeof import("node:stream");
}

const loaded = new Map<keyof LazyBuiltins, unknown>();

/**
 * A Node built-in module, loaded when first asked for instead of when this package is imported.
 * An ES `import` of `node:crypto` or `node:stream` builds their whole namespace, milliseconds in
 * every fresh process (every test file Vitest isolates), for features most tests never use
 * (hashes, Node streams).
 * @param id - the built-in's name
 * @returns the module, the same object on every call
 */
export function nodeBuiltin<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  let module = loaded.get(id);
  if (module === undefined) {
    // process.getBuiltinModule exists from Node 20.16 and 22.3; earlier 20.x require it.
    module = process.getBuiltinModule?.(id) ?? createRequire(`${process.cwd()}/`)(id);
    loaded.set(id, module);
  }
  return module as LazyBuiltins[K];
}
