/** A stored file. Entries are immutable once stored, so snapshots and copies share them. */
export interface FileEntry {
  readonly dir: false;
  /** One buffer for the common single-write file, else the chunks as written. */
  readonly data: Uint8Array | readonly Uint8Array[];
  readonly size: number;
  readonly modTime: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A directory, explicit (mkdir) or implied by a file below it. */
export interface DirEntry {
  readonly dir: true;
  readonly modTime: number;
}

/** What the store keeps at a path. */
export type Entry = FileEntry | DirEntry;

// One rule for every backend, kept in core; re-exported for the memory backend's modules.
export { NO_METADATA } from "../core/options.js";

/** The stored chunks of a file, in order. */
export function chunksOf(entry: FileEntry): readonly Uint8Array[] {
  return entry.data instanceof Uint8Array ? [entry.data] : entry.data;
}
