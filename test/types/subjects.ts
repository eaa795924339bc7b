import type { Backend } from "../../src/core/types.js";
import type { MemoryBackend } from "../../src/memory/index.js";

/** The kinds of subject the matchers accept, as values for the type tests. */
export declare const memory: MemoryBackend;
/** Shaped like the `useMemoryBackend()` handle. */
export declare const handle: MemoryBackend & { readonly current: MemoryBackend };
/** Anything holding a MemoryBackend in `.current`. */
export declare const holder: { readonly current: MemoryBackend };
/** Any other backend: the matchers return a Promise. */
export declare const remote: Backend;
