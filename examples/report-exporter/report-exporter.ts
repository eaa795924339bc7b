// A small module under test, as users would have one: it knows only the `Backend` interface,
// so production code hands it S3 or the disk and tests hand it a MemoryBackend.
import { AlreadyExistsError, type Backend, readJSON, writeFile } from "omnistorage-ts";
import { type Cell, csvLine } from "./csv.js";

/** A table to export. */
export interface Report {
  /** Human name; the file names are made from it ("Q1 Sales" → `q1-sales`). */
  name: string;
  /** When the data was taken. */
  generatedAt: Date;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** One entry of `<dir>/index.json`. */
export interface IndexEntry {
  name: string;
  slug: string;
  rows: number;
  generatedAt: string;
}

export interface ExportOptions {
  /** Folder of the reports (default `reports`). */
  dir?: string;
  /** Replace an existing report of the same name (default: refuse). */
  overwrite?: boolean;
}

/** Exporting failed; nothing of this report was left behind. */
export class ExportError extends Error {
  constructor(
    readonly report: string,
    cause: unknown,
  ) {
    super(`exporting report ${JSON.stringify(report)} failed: ${(cause as Error).message}`, {
      cause,
    });
    this.name = "ExportError";
  }
}

/** `Q1 Sales (EU)` → `q1-sales-eu`. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  if (slug === "")
    throw new TypeError(`report name ${JSON.stringify(name)} has no letters or digits`);
  return slug;
}

/**
 * Writes `<dir>/<slug>.csv` (streamed row by row) and `<dir>/<slug>.json`, then adds the
 * report to `<dir>/index.json`. Refuses to replace an existing report unless `overwrite`;
 * when a write fails, removes the report's files and throws an {@link ExportError}.
 * @returns the paths written
 */
export async function exportReport(
  backend: Backend,
  report: Report,
  { dir = "reports", overwrite = false }: ExportOptions = {},
): Promise<string[]> {
  const slug = slugOf(report.name);
  const csvPath = `${dir}/${slug}.csv`;
  const jsonPath = `${dir}/${slug}.json`;
  if (!overwrite) {
    for (const path of [csvPath, jsonPath]) {
      if (await backend.exists(path)) throw new AlreadyExistsError("exportReport", path);
    }
  }
  try {
    await writeCsv(backend, csvPath, report);
    await writeFile(backend, jsonPath, JSON.stringify(toJson(report), null, 2));
    await addToIndex(backend, `${dir}/index.json`, {
      name: report.name,
      slug,
      rows: report.rows.length,
      generatedAt: report.generatedAt.toISOString(),
    });
  } catch (err) {
    // Never leave half a report behind: a CSV without its JSON, or a new CSV next to an old
    // JSON, would look complete. (A failed overwrite so removes the old report too.)
    await Promise.all([backend.delete(csvPath), backend.delete(jsonPath)]);
    throw new ExportError(report.name, err);
  }
  return [csvPath, jsonPath];
}

async function writeCsv(backend: Backend, path: string, report: Report): Promise<void> {
  const writer = await backend.newWriter(path, { contentType: "text/csv" });
  try {
    await writer.write(csvLine(report.columns));
    for (const row of report.rows) await writer.write(csvLine(row));
    await writer.close();
  } catch (err) {
    // Without this, the writer stays open: the fixtures fail the test and name the path.
    await writer.abort(err);
    throw err;
  }
}

function toJson(report: Report) {
  return {
    name: report.name,
    generatedAt: report.generatedAt.toISOString(),
    rows: report.rows.map((row) =>
      Object.fromEntries(report.columns.map((c, i) => [c, row[i] ?? null])),
    ),
  };
}

async function addToIndex(backend: Backend, path: string, entry: IndexEntry): Promise<void> {
  const index = (await backend.exists(path)) ? await readJSON<IndexEntry[]>(backend, path) : [];
  const others = index.filter((e) => e.slug !== entry.slug);
  const sorted = [...others, entry].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  await writeFile(backend, path, JSON.stringify(sorted, null, 2));
}
