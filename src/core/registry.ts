import { AlreadyExistsError, UnknownBackendError } from "./errors.js";
import type { Backend } from "./types.js";

/**
 * Makes a backend from an optional configuration object.
 * @public
 */
export type BackendFactory<C = unknown, B extends Backend = Backend> = (
  config?: C,
) => B | Promise<B>;

// Factories the package registers itself carry an id, so the ESM and CommonJS copies of one
// built-in (two different function objects) count as the same factory.
const BUILTIN_ID: unique symbol = Symbol.for("omnistorage.builtinFactory");
// One registry for every copy of the package loaded in this process.
const REGISTRY_KEY: unique symbol = Symbol.for("omnistorage.registry");

type Tagged = BackendFactory & { [BUILTIN_ID]?: string };

function registry(): Map<string, Tagged> {
  const g = globalThis as { [REGISTRY_KEY]?: Map<string, Tagged> };
  g[REGISTRY_KEY] ??= new Map();
  return g[REGISTRY_KEY];
}

// This copy's own built-in factories by id. The shared registry keeps whichever copy registered
// first; open() prefers its own copy's twin, so each build hands out its own classes.
const ownBuiltins = new Map<string, Tagged>();

/** @internal Tags a built-in factory so its ESM and CJS twins register as one. */
export function builtinFactory<C>(id: string, factory: BackendFactory<C>): BackendFactory<C> {
  Object.defineProperty(factory, BUILTIN_ID, { value: id });
  return factory;
}

/**
 * Registers a backend under `name`. Registering the same factory again is a no-op; a
 * different factory for a taken name throws {@link AlreadyExistsError}.
 *
 * @example
 * ```ts
 * register("s3-fake", (config) => new MemoryBackend(config as MemoryBackendOptions));
 * ```
 * @param name - the name `open()` will take
 * @param factory - makes a backend from `open()`'s config
 * @public
 */
export function register<C>(name: string, factory: BackendFactory<C>): void {
  if (typeof name !== "string" || name === "") {
    throw new TypeError("register: name must be a non-empty string");
  }
  if (typeof factory !== "function") {
    throw new TypeError(`register ${JSON.stringify(name)}: factory must be a function`);
  }
  const map = registry();
  const existing = map.get(name);
  const tagged = factory as Tagged;
  const id = tagged[BUILTIN_ID];
  if (id !== undefined) ownBuiltins.set(id, tagged);
  if (existing && existing !== tagged) {
    if (id !== undefined && existing[BUILTIN_ID] === id) return;
    throw new AlreadyExistsError("register", name, {
      message: `register ${JSON.stringify(name)}: a different backend factory is already registered under this name`,
    });
  }
  map.set(name, tagged);
}

/**
 * Opens a registered backend.
 *
 * @example
 * ```ts
 * import "omnistorage-ts/memory";
 * const backend = await open("memory");
 * ```
 * @param name - a registered name
 * @param config - passed to the factory
 * @throws {@link UnknownBackendError} naming the registered backends
 * @public
 */
export async function open<B extends Backend = Backend>(
  name: string,
  config?: unknown,
): Promise<B> {
  const factory = registry().get(name);
  if (!factory) throw new UnknownBackendError(String(name), backends());
  const id = factory[BUILTIN_ID];
  const make = (id !== undefined && ownBuiltins.get(id)) || factory;
  return (await make(config)) as B;
}

/** The registered names, sorted. @public */
export function backends(): string[] {
  return [...registry().keys()].sort();
}

/**
 * True when `name` is registered.
 * @param name - a backend name
 * @public
 */
export function isRegistered(name: string): boolean {
  return registry().has(name);
}

/**
 * Removes a registration.
 * @param name - a backend name
 * @returns whether it was registered
 * @public
 */
export function unregister(name: string): boolean {
  return registry().delete(name);
}
