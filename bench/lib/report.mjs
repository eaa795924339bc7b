// The shape a workload reports in, and the formatting of the one results table.

/**
 * @typedef {object} Row
 * @property {string} id - workload id ("W3")
 * @property {string} metric - what was measured, with its unit and direction
 * @property {"ops/s" | "MiB/s" | "B/file" | "s" | "ms" | "x"} unit - "x" is a ratio (shown with ×)
 * @property {boolean} [noRatio] - the values are ratios already: no ratio to memfs is shown
 * @property {Record<string, number | null>} values - per contender; null = not applicable
 * @property {{ name: string, value: number } | { name: string, value: number }[]} [baseline] -
 *   same-run references that are not storage contenders (memcpy, re-seeding, …)
 */

/**
 * @typedef {object} Bar
 * @property {string} id - workload id
 * @property {string} text - the bar as the issue states it
 * @property {string} measured - the numbers behind the verdict
 * @property {boolean} pass
 */

/**
 * @typedef {object} WorkloadResult
 * @property {string} id
 * @property {string} title
 * @property {Row[]} rows
 * @property {Bar[]} bars
 * @property {string[]} notes - how the workload was run, in a sentence or two each
 */

/** Column order of the table. */
export const COLUMNS = ["omnistorage-ts", "memfs", "unstorage", "Map", "tmpfs"];

const MARK = "@@bench-result ";

/**
 * Hands a workload's result to bench/run.mjs (one line on stdout).
 * @param {WorkloadResult} result
 */
export function emit(result) {
  process.stdout.write(`${MARK}${JSON.stringify(result)}\n`);
}

/**
 * The result line in a workload's stdout.
 * @param {string} stdout
 * @returns {WorkloadResult | undefined}
 */
export function parseResult(stdout) {
  const line = stdout.split("\n").find((l) => l.startsWith(MARK));
  return line ? JSON.parse(line.slice(MARK.length)) : undefined;
}

/**
 * A progress line on stderr (stdout carries the result).
 * @param {string} text
 */
export function progress(text) {
  process.stderr.write(`  ${text}\n`);
}

/**
 * A number with 3 significant digits and k/M suffixes.
 * @param {number} n
 */
export function short(n) {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toPrecision(3)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  if (abs >= 100) return n.toFixed(0);
  return n.toPrecision(3);
}

/**
 * A ratio, like `12.3×`.
 * @param {number} r
 */
export function times(r) {
  if (!Number.isFinite(r)) return "—";
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/**
 * One markdown table: every row, every contender's median and its ratio to memfs.
 * @param {WorkloadResult[]} results
 * @returns {string}
 */
export function resultsTable(results) {
  const head = `| id | metric | ${COLUMNS.join(" | ")} | same-run reference |`;
  const rule = `|---|---|${COLUMNS.map(() => "---:").join("|")}|---|`;
  const lines = [head, rule];
  for (const result of results) {
    for (const row of result.rows) {
      const memfs = row.values.memfs;
      const cells = COLUMNS.map((c) => {
        const v = row.values[c];
        if (v === null || v === undefined) return "n/a";
        if (row.noRatio) return times(v);
        const ratio = memfs ? ` (${times(v / memfs)})` : "";
        return `${short(v)}${ratio}`;
      });
      const refs = row.baseline ? [row.baseline].flat() : [];
      const ref = refs.map((b) => `${b.name}: ${short(b.value)}`).join("; ");
      lines.push(`| ${row.id} | ${row.metric} | ${cells.join(" | ")} | ${ref} |`);
    }
  }
  return lines.join("\n");
}

/**
 * The bars, PASS/FAIL with their numbers, as a markdown table.
 * @param {WorkloadResult[]} results
 * @returns {string}
 */
export function barsTable(results) {
  const lines = ["| id | bar | measured | verdict |", "|---|---|---|---|"];
  for (const result of results) {
    for (const bar of result.bars) {
      lines.push(
        `| ${bar.id} | ${bar.text} | ${bar.measured} | ${bar.pass ? "PASS" : "**FAIL**"} |`,
      );
    }
  }
  return lines.join("\n");
}
