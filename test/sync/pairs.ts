import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExtendedBackend } from "../../src/core/types.js";
import { FileBackend } from "../../src/file/index.js";
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

/** A FileBackend on a fresh temp folder, removed when the backend is closed. */
const disk = async (): Promise<ExtendedBackend> => {
  const root = await mkdtemp(join(tmpdir(), "omnistorage-sync-"));
  const backend = new FileBackend({ root });
  const close = backend.close.bind(backend);
  backend.close = async () => {
    await close();
    await rm(root, { recursive: true, force: true });
  };
  return backend;
};

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
export const PAIRS: readonly PairKind[] = [
  pairOf("memory → memory", memory, memory),
  pairOf("memory → file", memory, disk),
  pairOf("file → memory", disk, memory),
  pairOf("file → file", disk, disk),
];
