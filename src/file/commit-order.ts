// Kept on globalThis under a Symbol.for key, as the registry is: the ESM and CommonJS builds
// are two copies of this module, and their FileBackends may share a folder.
const KEY = Symbol.for("omnistorage-ts.file.commit-order");
const shared = globalThis as { [KEY]?: Map<string, Promise<void>> };

/**
 * Per file on disk (absolute path), the commit of the writer that called `close()` last settles
 * this. Process-wide rather than per backend, so that two FileBackends over one folder also
 * commit to a path in the order their writers were closed.
 */
shared[KEY] ??= new Map();
const commits: Map<string, Promise<void>> = shared[KEY];

/** A writer's place among the commits to one file. */
export interface CommitPlace {
  /** Settles when every writer that closed earlier has installed (or given up). */
  readonly turn: Promise<void>;
  /** Lets the next writer go: call once this one has installed or given up. */
  readonly done: () => void;
}

/**
 * Takes the next place in the queue of commits to `absPath`, so the last `close()` called wins
 * even when an earlier writer still has more to write (renames would otherwise land in the
 * order the writes finish).
 * @param absPath - the target's absolute path under its root's real path
 */
export function queueCommit(absPath: string): CommitPlace {
  const turn = commits.get(absPath) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  const tail = turn.then(() => mine);
  commits.set(absPath, tail);
  // The queue of a file lives only while commits to it are pending.
  void tail.then(() => {
    if (commits.get(absPath) === tail) commits.delete(absPath);
  });
  return { turn, done };
}
