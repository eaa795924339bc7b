import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The newest modification time among the sources the bundles are built from. */
function newestSource(): number {
  let newest = 0;
  for (const dir of ["src", "fixtures", "matchers"]) {
    for (const f of readdirSync(join(repo, dir), { recursive: true, encoding: "utf8" })) {
      if (f.endsWith(".ts")) newest = Math.max(newest, statSync(join(repo, dir, f)).mtimeMs);
    }
  }
  return newest;
}

/**
 * A folder holding esm/ and cjs/ bundles of the current sources: dist/ when `npm run build` made
 * it after the last source change (as in CI), otherwise a private build in a temporary folder,
 * so a test never reads a stale build nor rewrites the dist/ other processes read.
 */
export function builtDist(): string {
  const dist = join(repo, "dist");
  try {
    const built = statSync(join(dist, "esm", "index.js")).mtimeMs;
    if (built >= newestSource()) return dist;
  } catch {
    // not built yet
  }
  const out = join(mkdtempSync(join(tmpdir(), "omnistorage-dist-")), "dist");
  execFileSync(process.execPath, [join(repo, "scripts", "build.mjs"), "--out", out], {
    cwd: repo,
    stdio: "ignore",
  });
  return out;
}
