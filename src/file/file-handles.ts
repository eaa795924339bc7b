import type { BackendGate } from "../core/backend-gate.js";
import type { OpenHandle } from "../core/types.js";
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
  /** Per path, the commit of the writer that called `close()` last settles this. */
  readonly #commits = new Map<string, Promise<void>>();
  /** What each reader and writer is given as its host. */
  readonly host: FileWriterHost & FileReaderHost;

  /**
   * @param gate - the backend's gate (closed or not)
   * @param tree - installs a finished write
   * @param staging - removes what is left of a temporary file
   */
  constructor(gate: BackendGate, tree: DiskTree, staging: Staging) {
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
      queueCommit: (path) => this.#queueCommit(path),
    };
  }

  #queueCommit(path: string): { turn: Promise<void>; done: () => void } {
    const turn = this.#commits.get(path) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    const tail = turn.then(() => mine);
    this.#commits.set(path, tail);
    // The queue of a path lives only while commits to it are pending.
    void tail.then(() => {
      if (this.#commits.get(path) === tail) this.#commits.delete(path);
    });
    return { turn, done };
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
