import { type Backend, copyPath } from "omnistorage-ts";

/**
 * The code under test: copies every file outside `backups/` to `backups/<stamp>/`, keeping
 * the originals, and returns how many it copied.
 */
export async function backup(backend: Backend, stamp: string): Promise<number> {
  const files = (await backend.list()).filter((path) => !path.startsWith("backups/"));
  for (const path of files) await copyPath(backend, path, backend, `backups/${stamp}/${path}`);
  return files.length;
}
