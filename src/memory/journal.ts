import { isStorageError } from "../core/errors.js";
import { BACKEND_OPS, type BackendOp } from "./backend-op.js";

/**
 * What a journal entry records: a backend method, `write` (a writer, recorded once when it
 * commits or fails) or `read` (a reader chunk that failed).
 * @public
 */
export type JournalOp = BackendOp | "write" | "read";

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

/** A failure as recorded: the error's class name and code, taken when it happened. */
interface Failure {
  readonly error: string;
  readonly code: string | undefined;
}

const OPS: readonly JournalOp[] = [...BACKEND_OPS, "write", "read"];
const OP_INDEX = new Map(OPS.map((op, i) => [op, i]));
// A record in the log is a header (the op's index plus these flags), the path, then the
// flagged fields in this order.
const HAS_BYTES = 0x100;
const HAS_DST = 0x200;
const FAILED = 0x400;

/**
 * The journal of one backend. Recording pushes two to five values onto one flat array (a
 * header, the path, then the fields present), with no object per entry: fixtures make
 * thousands of backends and most journals are never read. Entries are built, and frozen, only
 * when somebody reads them.
 */
export class Journal {
  #log: unknown[] = [];
  #read = 0;
  #built: JournalEntry[] = [];
  #view: readonly JournalEntry[] | undefined;

  /** A frozen copy of the entries, in call order. */
  get entries(): readonly JournalEntry[] {
    if (this.#view === undefined) {
      const log = this.#log;
      while (this.#read < log.length) this.#read = build(log, this.#read, this.#built);
      this.#view = Object.freeze(this.#built.slice());
    }
    return this.#view;
  }

  /** Records a success. */
  ok(op: JournalOp, path: string, bytes?: number, dst?: string): void {
    this.#record(op, path, bytes, dst, undefined);
  }

  /** Records a failure with the error's class name and code. */
  error(op: JournalOp, path: string, err: unknown, bytes?: number, dst?: string): void {
    const code = isStorageError(err) ? err.code : (err as { code?: unknown } | null)?.code;
    const failure: Failure = {
      error: errorName(err),
      code: typeof code === "string" ? code : undefined,
    };
    this.#record(op, typeof path === "string" ? path : String(path), bytes, dst, failure);
  }

  /** Empties the journal. */
  clear(): void {
    this.#log = [];
    this.#read = 0;
    this.#built = [];
    this.#view = undefined;
  }

  #record(
    op: JournalOp,
    path: string,
    bytes: number | undefined,
    dst: string | undefined,
    failure: Failure | undefined,
  ): void {
    const log = this.#log;
    let header = OP_INDEX.get(op) as number;
    if (bytes !== undefined) header |= HAS_BYTES;
    if (dst !== undefined) header |= HAS_DST;
    if (failure !== undefined) header |= FAILED;
    log.push(header, path);
    if (bytes !== undefined) log.push(bytes);
    if (dst !== undefined) log.push(dst);
    if (failure !== undefined) log.push(failure);
    this.#view = undefined;
  }
}

/** Builds the entry whose record starts at `i`; returns where the next record starts. */
function build(log: readonly unknown[], i: number, out: JournalEntry[]): number {
  const header = log[i++] as number;
  const entry: Draft = { op: OPS[header & 0xff] as JournalOp, path: log[i++] as string };
  const bytes = header & HAS_BYTES ? (log[i++] as number) : undefined;
  if (header & HAS_DST) entry.dst = log[i++] as string;
  if (bytes !== undefined) entry.bytes = bytes;
  if (header & FAILED) {
    const failure = log[i++] as Failure;
    entry.outcome = "error";
    entry.error = failure.error;
    if (failure.code !== undefined) entry.code = failure.code;
  } else entry.outcome = "ok";
  out.push(Object.freeze(entry) as JournalEntry);
  return i;
}

function errorName(err: unknown): string {
  if (err instanceof Error || (typeof err === "object" && err !== null && "name" in err)) {
    const name = (err as { name: unknown }).name;
    if (typeof name === "string" && name !== "") return name;
  }
  return err === null ? "null" : typeof err;
}
