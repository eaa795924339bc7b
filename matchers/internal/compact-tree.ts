/** Lines a backend listing may take in a failure message before it is cut short. */
export const TREE_LINES = 30;

/**
 * A compact, indented listing of files for failure messages, bounded in size:
 *
 * ```text
 * Backend holds 3 files:
 *   notes.txt
 *   reports/
 *     2023.json
 *     2024.json
 * ```
 *
 * Past `maxLines` it ends with "… and N more files".
 *
 * @param files - normalised file paths, sorted by UTF-16 code unit (as `list` returns them)
 * @param maxLines - most lines of listing (the header line not counted)
 */
export function compactTree(files: readonly string[], maxLines = TREE_LINES): string {
  if (files.length === 0) return "Backend is empty.";
  const lines = [`Backend holds ${plural(files.length, "file")}:`];
  let open: string[] = [];
  let shown = 0;
  for (const file of files) {
    const segments = file.split("/");
    const folders = segments.slice(0, -1);
    let same = 0;
    while (same < open.length && same < folders.length && open[same] === folders[same]) same++;
    const needed = folders.length - same + 1;
    // Stop before a file whose folder headers would not fit with it: never a dangling header.
    if (lines.length - 1 + needed > maxLines) break;
    for (let depth = same; depth < folders.length; depth++) {
      lines.push(`${indent(depth)}${folders[depth]}/`);
    }
    lines.push(`${indent(folders.length)}${segments[segments.length - 1]}`);
    open = folders;
    shown++;
  }
  if (shown < files.length) lines.push(`  … and ${plural(files.length - shown, "more file")}`);
  return lines.join("\n");
}

function indent(depth: number): string {
  return "  ".repeat(depth + 1);
}

/**
 * `1 file`, `2 files`.
 * @param count - how many
 * @param singular - the word for one
 * @param many - the word for several (default: `singular` + "s")
 */
export function plural(count: number, singular: string, many = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : many}`;
}
