import type { JournalEntry } from "../../src/memory/journal.js";
import { plural } from "../internal/compact-tree.js";
import type { MatcherContext } from "../internal/context.js";
import { didYouMean, hint, usageError } from "../internal/report.js";
import { backendOf } from "../internal/subject.js";

/** Most operations a failure message lists before it says how many more there were. */
const MAX_LINES = 20;

/**
 * The journal of a matcher's subject: a MemoryBackend or the `useMemoryBackend()` handle.
 * Any other subject is a usage `TypeError`: only the memory backend keeps a journal.
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param received - what was passed to `expect()`
 */
export function journalOf(
  ctx: MatcherContext,
  name: string,
  received: unknown,
): readonly JournalEntry[] {
  const backend = backendOf(received) as { journal?: unknown } | undefined;
  if (backend && Array.isArray(backend.journal)) return backend.journal as readonly JournalEntry[];
  let shown: string;
  try {
    shown = ctx.utils.printReceived(received);
  } catch {
    shown = String(received);
  }
  throw usageError(
    ctx,
    name,
    "received value must be a MemoryBackend or the useMemoryBackend() handle (only the memory backend keeps a journal)",
    `Received: ${shown}`,
  );
}

/**
 * A count the matcher takes as an argument (`times`): a non-negative integer.
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param times - the argument as given
 */
export function checkTimes(ctx: MatcherContext, name: string, times: unknown): void {
  if (times !== undefined && !(Number.isSafeInteger(times) && (times as number) >= 0)) {
    throw usageError(
      ctx,
      name,
      "times must be a non-negative integer",
      `Times: ${ctx.utils.printExpected(times)}`,
    );
  }
}

/**
 * How many successful `op` calls on `path` (and `dst`) the journal holds.
 * @param journal - the journal
 * @param op - the operation
 * @param path - its normalised path (a copy's or move's source)
 * @param dst - a copy's or move's normalised destination
 */
export function countOk(
  journal: readonly JournalEntry[],
  op: JournalEntry["op"],
  path: string,
  dst?: string,
): number {
  let count = 0;
  for (const e of journal) {
    if (e.op === op && e.outcome === "ok" && e.path === path && e.dst === dst) count++;
  }
  return count;
}

/**
 * `"once"`, `"twice"`, `"3 times"`.
 * @param count - how many times
 */
export function timesText(count: number): string {
  return count === 1 ? "once" : count === 2 ? "twice" : `${count} times`;
}

/**
 * One journal entry as a line: its position, the call, and its outcome.
 * @param entry - the entry
 * @param index - its index in the journal
 */
function describe(entry: JournalEntry, index: number): string {
  const target =
    entry.dst === undefined
      ? JSON.stringify(entry.path)
      : `${JSON.stringify(entry.path)} → ${JSON.stringify(entry.dst)}`;
  const bytes = entry.bytes === undefined ? "" : `, ${plural(entry.bytes, "byte")}`;
  const outcome =
    entry.outcome === "ok"
      ? "ok"
      : `error ${entry.error ?? "?"}${entry.code === undefined ? "" : ` (${entry.code})`}`;
  return `  #${index + 1} ${entry.op} ${target}: ${outcome}${bytes}`;
}

/**
 * What the journal shows about `paths`: every operation on one of them, in order, or, when
 * there is none, the paths that were touched (with the nearest to the first path).
 * @param ctx - the matcher context
 * @param journal - the whole journal
 * @param paths - the paths the assertion is about
 */
export function operationsOn(
  ctx: MatcherContext,
  journal: readonly JournalEntry[],
  paths: readonly string[],
): string {
  const lines: string[] = [];
  let matching = 0;
  journal.forEach((entry, index) => {
    if (!paths.includes(entry.path) && !(entry.dst !== undefined && paths.includes(entry.dst))) {
      return;
    }
    matching++;
    if (lines.length < MAX_LINES) lines.push(describe(entry, index));
  });
  const subject = paths.map((p) => ctx.utils.printReceived(p)).join(" or ");
  if (matching > 0) {
    const more = matching > lines.length ? [`  … and ${matching - lines.length} more`] : [];
    return [`Operations on ${subject}:`, ...lines, ...more].join("\n");
  }
  const touched = [
    ...new Set(journal.flatMap((e) => (e.dst === undefined ? [e.path] : [e.path, e.dst]))),
  ];
  const near = didYouMean(ctx, paths[0] as string, touched);
  const none = [`No operation touched ${subject}.`, near].filter(Boolean).join(" ");
  if (journal.length === 0) return `${none}\nThe journal is empty.`;
  const shown = touched.slice(0, MAX_LINES).map((p) => `  ${JSON.stringify(p)}`);
  const more =
    touched.length > shown.length ? [`  … and ${touched.length - shown.length} more`] : [];
  return [
    none,
    `The journal holds ${plural(journal.length, "operation")} on ${plural(touched.length, "path")}:`,
    ...shown,
    ...more,
  ].join("\n");
}

/**
 * A journal matcher's full message: the hint, the verdict and the operations on the paths.
 * @param ctx - the matcher context
 * @param name - the matcher's name
 * @param args - how to name the arguments in the hint (`"path"`, `"src", "dst"` …)
 * @param verdict - what was expected and what happened
 * @param detail - from {@link operationsOn}
 */
export function journalMessage(
  ctx: MatcherContext,
  name: string,
  args: readonly [string, string?],
  verdict: string,
  detail: string,
): string {
  return [hint(ctx, name, args[0], args[1]), verdict, detail].join("\n\n");
}
