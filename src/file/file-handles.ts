import type { BackendGate } from "../core/backend-gate.js";
import type { OpenHandle } from "../core/types.js";
import { queueCommit } from "./commit-order.js";
import type { ConfinedRoot } from "./confined-root.js";
import type { DiskTree } from "./disk-tree.js";
import type { FileReader, FileReaderHost } from "./file-reader.js";
import { FileWriter, type FileWriterHost } from "./file-writer.js";
import type { Staging } from "./staging.js";

/**
 * The open readers and writers of a FileBackend, and the host they call back into: whether the
 * backend is closed, how a finished write is installed, and their release.
 */
export class FileHandles {
  readonly #open = new Map<FileReader | FileWriter, OpenHandle>();
  /** What each reader and writer is given as its host. */
  readonly host: FileWriterHost & FileReaderHost;

  /**
   * @param gate - the backend's gate (closed or not)
   * @param tree - installs a finished write
   * @param staging - removes what is left of a temporary file
   * @param root - the confined root, whose files' commits are put in close() order
   */
  constructor(gate: BackendGate, tree: DiskTree, staging: Staging, root: ConfinedRoot) {
    const open = this.#open;
    this.host = {
      get closed() {
        return gate.closed;
      },
      install: (op, path, temp) => tree.install(op, path, temp),
      discardTemp: (temp) => staging.done(temp),
      release: (handle) => {
        open.delete(handle);
      },
      queueCommit: (path) => queueCommit(root.abs(path)),
    };
  }

  /** Tracks a new handle until it releases itself. */
  add(handle: FileReader | FileWriter): void {
    const kind = handle instanceof FileWriter ? "writer" : "reader";
    this.#open.set(handle, { kind, path: handle.path });
  }

  /** The handles not released yet. */
  list(): OpenHandle[] {
    return [...this.#open.values()].map(({ kind, path }) => ({ kind, path }));
  }

  /**
   * The backend closes: writers lose their temporary file (their `write` and `close` reject with
   * `BackendClosedError`), readers release their descriptor.
   */
  async shutdown(): Promise<void> {
    await Promise.all(
      [...this.#open.keys()].map((h) => (h instanceof FileWriter ? h.shutdown() : h.detach())),
    );
  }
}
