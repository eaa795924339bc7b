import type { ExtendedBackend } from "../../src/core/types.js";
import { MemoryBackend } from "../../src/memory/memory-backend.js";

/** Two backends to sync between, and how to get rid of them. */
export interface BackendPair {
  readonly src: ExtendedBackend;
  readonly dst: ExtendedBackend;
  cleanup(): Promise<void>;
}

/** A named way to make a fresh pair. */
export interface PairKind {
  readonly name: string;
  make(): Promise<BackendPair>;
}

const memory = async (): Promise<ExtendedBackend> => new MemoryBackend();

function pairOf(
  name: string,
  makeSrc: () => Promise<ExtendedBackend>,
  makeDst: () => Promise<ExtendedBackend>,
): PairKind {
  return {
    name,
    async make() {
      const src = await makeSrc();
      const dst = await makeDst();
      return {
        src,
        dst,
        async cleanup() {
          await Promise.all([src.close(), dst.close()]);
        },
      };
    },
  };
}

/** Every pairing the sync tests run on. */
export const PAIRS: readonly PairKind[] = [pairOf("memory → memory", memory, memory)];
