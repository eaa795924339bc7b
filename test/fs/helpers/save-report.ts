// Code under test that knows only node:fs/promises.
import { mkdir, readFile, writeFile } from "node:fs/promises";

export async function saveReport(name: string, rows: string[]): Promise<string> {
  await mkdir("/reports", { recursive: true });
  await writeFile(`/reports/${name}.csv`, rows.join("\n"));
  return readFile(`/reports/${name}.csv`, "utf8");
}
