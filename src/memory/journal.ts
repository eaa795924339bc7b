import { isStorageError } from "../core/errors.js";

/**
 * What a journal entry records: a backend method, `write` (a writer, recorded once when it
 * commits or fails) or `read` (a reader chunk that failed).
 * @public
 */
export type JournalOp =
  | "newWriter"
  | "newReader"
  | "exists"
  | "delete"
  | "list"
  | "stat"
  | "hash"
  | "mkdir"
  | "rmdir"
  | "copy"
  | "move"
  | "write"
  | "read";

/**
 * One operation done on a {@link MemoryBackend}, from {@link MemoryBackend.journal}.
 *
 * @example
 * ```ts
 * expect(backend.journal).toContainEqual(
 *   expect.objectContaining({ op: "write", path: "out.txt", outcome: "ok" }),
 * );
 * ```
 * @public
 */
export interface JournalEntry {
  /** The operation. */
  readonly op: JournalOp;
  /** Its normalised path (a copy's or move's source; a list's prefix). As given when invalid. */
  readonly path: string;
  /** A copy's or move's destination. */
  readonly dst?: string;
  /** Bytes committed by a write, or the bytes a reader opened on will deliver. */
  readonly bytes?: number;
  /** Whether the operation succeeded. */
  readonly outcome: "ok" | "error";
  /** The error's class name (`QuotaExceededError`, `AbortError` …) when it failed. */
  readonly error?: string;
  /** The error's code (`ENOSPC` …) when it failed with one. */
  readonly code?: string;
}

/** An entry while it is being put together (keys are added in print order). */
type Draft = { -readonly [K in keyof JournalEntry]?: JournalEntry[K] };

/**
 * The journal of one backend. Recording is one small object pushed per operation; the frozen
 * view handed out is built only when somebody reads it and then cached until the next entry.
 */
export class Journal {
  #entries: JournalEntry[] = [];
  #view: readonly JournalEntry[] | undefined;

  /** A frozen copy of the entries, in call order. */
  get entries(): readonly JournalEntry[] {
    if (this.#view === undefined) {
      for (const entry of this.#entries) Object.freeze(entry);
      this.#view = Object.freeze(this.#entries.slice());
    }
    return this.#view;
  }

  /** Records a success. */
  ok(op: JournalOp, path: string, bytes?: number, dst?: string): void {
    const entry: Draft = { op, path };
    if (dst !== undefined) entry.dst = dst;
    if (bytes !== undefined) entry.bytes = bytes;
    entry.outcome = "ok";
    this.#push(entry as JournalEntry);
  }

  /** Records a failure with the error's class name and code. */
  error(op: JournalOp, path: string, err: unknown, bytes?: number, dst?: string): void {
    const entry: Draft = { op, path };
    if (dst !== undefined) entry.dst = dst;
    if (bytes !== undefined) entry.bytes = bytes;
    entry.outcome = "error";
    entry.error = errorName(err);
    const code = isStorageError(err) ? err.code : (err as { code?: unknown } | null)?.code;
    if (typeof code === "string") entry.code = code;
    this.#push(entry as JournalEntry);
  }

  /** Empties the journal. */
  clear(): void {
    this.#entries = [];
    this.#view = undefined;
  }

  #push(entry: JournalEntry): void {
    this.#entries.push(entry);
    this.#view = undefined;
  }
}

function errorName(err: unknown): string {
  if (err instanceof Error || (typeof err === "object" && err !== null && "name" in err)) {
    const name = (err as { name: unknown }).name;
    if (typeof name === "string" && name !== "") return name;
  }
  return err === null ? "null" : typeof err;
}
