// A small module written against node:fs/promises, as everyday code is. Its tests run it on a
// MemoryBackend through omnistorage-ts/fs without changing a line here.
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Rotates `log` when it is at least `maxBytes`: `app.log` → `app.log.1` → `app.log.2` …,
 * keeping `keep` old files, and starts an empty log.
 * @returns true when it rotated
 */
export async function rotate(log: string, maxBytes: number, keep = 3): Promise<boolean> {
  const size = await stat(log).then(
    (s) => s.size,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return -1;
      throw err;
    },
  );
  if (size < maxBytes) return false;
  const dir = dirname(log);
  const names = new Set(await readdir(dir));
  const base = log.slice(dir.length + 1);
  await rm(`${log}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    if (names.has(`${base}.${i}`)) await rename(`${log}.${i}`, `${log}.${i + 1}`);
  }
  await rename(log, `${log}.1`);
  await mkdir(dir, { recursive: true });
  await writeFile(log, "");
  return true;
}
