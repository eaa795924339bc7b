import { NO_METADATA } from "../core/options.js";
import type { ObjectInfo } from "../core/types.js";

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
export { NO_METADATA };

/** The stored chunks of a file, in order. */
export function chunksOf(entry: FileEntry): readonly Uint8Array[] {
  return Array.isArray(entry.data)
    ? (entry.data as readonly Uint8Array[])
    : [entry.data as Uint8Array];
}

/** A file's bytes in one new buffer (the caller's own copy). */
export function bytesOf(entry: FileEntry): Uint8Array {
  const chunks = chunksOf(entry);
  if (chunks.length === 1) return (chunks[0] as Uint8Array).slice();
  const out = new Uint8Array(entry.size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** What `stat` reports about an entry. */
export function infoOf(path: string, entry: Entry): ObjectInfo {
  return Object.freeze({
    path,
    size: entry.dir ? 0 : entry.size,
    modTime: new Date(entry.modTime),
    isDir: entry.dir,
    contentType: entry.dir ? "" : entry.contentType,
    metadata: entry.dir ? NO_METADATA : entry.metadata,
  });
}
