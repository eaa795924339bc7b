import type { Backend, ExtendedBackend } from "../../src/core/types.js";
import type { MemoryBackend } from "../../src/memory/index.js";

/**
 * A plain {@link Backend} over a MemoryBackend: only the Backend methods, no `…Sync` readers
 * and no `stat`, so the matchers cannot recognise it as memory and must go the async way.
 */
export function plainBackend(memory: MemoryBackend): Backend {
  return {
    newWriter: (path, options) => memory.newWriter(path, options),
    newReader: (path, options) => memory.newReader(path, options),
    exists: (path, options) => memory.exists(path, options),
    delete: (path, options) => memory.delete(path, options),
    list: (prefix, options) => memory.list(prefix, options),
    close: () => memory.close(),
    [Symbol.asyncDispose]: () => memory.close(),
  };
}

/** An {@link ExtendedBackend} over a MemoryBackend, async like a file or cloud backend. */
export function extendedBackend(memory: MemoryBackend): ExtendedBackend {
  return {
    ...plainBackend(memory),
    stat: (path, options) => memory.stat(path, options),
    hash: (path, algorithm, options) => memory.hash(path, algorithm, options),
    mkdir: (path, options) => memory.mkdir(path, options),
    rmdir: (path, options) => memory.rmdir(path, options),
    copy: (src, dst, options) => memory.copy(src, dst, options),
    move: (src, dst, options) => memory.move(src, dst, options),
    features: () => memory.features(),
  };
}
