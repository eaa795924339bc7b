import { TREE_LINES } from "./compact-tree.js";
import type { MatcherContext } from "./context.js";
import { asAside } from "./explain.js";
import { compareCodeUnits } from "./nearest-paths.js";

/** How a received backend differs from what was expected, path by path. */
export type Difference =
  /** Expected but absent; `note` says more (nearest paths, "is a directory"), built lazily. */
  | { type: "missing"; path: string; note?: () => string }
  /** Present but not expected. */
  | { type: "added"; path: string }
  /** Present in both with other content; `detail` builds the diff. */
  | { type: "changed"; path: string; detail: () => string };

/** The word each matcher uses for each kind of difference. */
export type DifferenceWords = { readonly [K in Difference["type"]]: string };

/** Diffs shown in full; further changed files are only listed. */
const DETAILED = 5;

const MARKS: { readonly [K in Difference["type"]]: string } = {
  missing: "-",
  added: "+",
  changed: "~",
};

/**
 * A list of differences, one line each in path order (`- missing`, `+ added`, `~ changed`),
 * bounded in size, followed by the diffs of the first few changed files.
 * @param ctx - the matcher context
 * @param differences - what differs
 * @param words - the word for each kind
 */
export function describeDifferences(
  ctx: MatcherContext,
  differences: readonly Difference[],
  words: DifferenceWords,
): string {
  const sorted = [...differences].sort((a, b) => compareCodeUnits(a.path, b.path));
  const width = Math.max(...Object.values(words).map((word) => word.length));
  const lines = sorted.slice(0, TREE_LINES).map((d) => {
    const note = d.type === "missing" && d.note ? asAside(d.note()) : "";
    return `  ${MARKS[d.type]} ${words[d.type].padEnd(width)}  ${ctx.utils.printReceived(d.path)}${note}`;
  });
  if (sorted.length > TREE_LINES) lines.push(`  … and ${sorted.length - TREE_LINES} more`);
  const changed = sorted.filter((d) => d.type === "changed");
  const details = changed
    .slice(0, DETAILED)
    .map((d) => `${capitalize(words.changed)} ${ctx.utils.printReceived(d.path)}:\n${d.detail()}`);
  if (changed.length > DETAILED) {
    details.push(`(diffs of ${changed.length - DETAILED} more changed files left out)`);
  }
  const count = `${sorted.length} ${sorted.length === 1 ? "difference" : "differences"}:`;
  return [[count, ...lines].join("\n"), ...details].join("\n\n");
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
