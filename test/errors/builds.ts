import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

/** The two copies of the package's core and memory entries, as users load them. */
export interface Builds {
  esm: {
    core: typeof import("../../src/index.js");
    memory: typeof import("../../src/memory/index.js");
  };
  cjs: {
    core: typeof import("../../src/index.js");
    memory: typeof import("../../src/memory/index.js");
  };
  /** Where the CommonJS copy of `src/core/errors.js` lives (for loading it into a vm realm). */
  cjsErrorsFile: string;
  /** `dist` when the build is there and newer than every source; `transpiled` otherwise. */
  origin: "dist" | "transpiled";
}

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = join(repo, "src");

/** The sources of the two entries loaded here: `omnistorage-ts` and `omnistorage-ts/memory`. */
function sources(): string[] {
  const files = [join(src, "index.ts")];
  for (const dir of ["core", "memory"]) {
    for (const f of readdirSync(join(src, dir), { recursive: true, encoding: "utf8" })) {
      if (f.endsWith(".ts") && !f.endsWith(".d.ts")) files.push(join(src, dir, f));
    }
  }
  return files;
}

/** True when `dist/<kind>` holds a `.js` for every source, none older than its source. */
function distIsFresh(kind: "esm" | "cjs"): boolean {
  for (const file of sources()) {
    const built = join(repo, "dist", kind, relative(repo, file)).replace(/\.ts$/, ".js");
    try {
      if (statSync(built).mtimeMs < statSync(file).mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Transpiles the entries' sources into `out` as ESM or CommonJS (no type check: `tsc`
 * checks types elsewhere; this only needs the two module formats, in well under a second).
 */
function transpile(out: string, kind: "esm" | "cjs"): void {
  const module = kind === "esm" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS;
  for (const file of sources()) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    const target = join(out, relative(repo, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(
    join(out, "package.json"),
    JSON.stringify({ type: kind === "esm" ? "module" : "commonjs" }),
  );
}

/**
 * Loads the ESM and CommonJS copies. Uses `dist/` when `npm run build` made it from the current
 * sources (as in CI); otherwise transpiles `src/` into a private temporary folder, so the test
 * never runs against a stale build and never rewrites the shared `dist/` under other readers.
 */
export async function loadBuilds(): Promise<Builds> {
  let esmRoot = join(repo, "dist", "esm");
  let cjsRoot = join(repo, "dist", "cjs");
  let origin: Builds["origin"] = "dist";
  if (!distIsFresh("esm") || !distIsFresh("cjs")) {
    const tmp = mkdtempSync(join(tmpdir(), "omnistorage-builds-"));
    esmRoot = join(tmp, "esm");
    cjsRoot = join(tmp, "cjs");
    transpile(esmRoot, "esm");
    transpile(cjsRoot, "cjs");
    origin = "transpiled";
  }
  const require = createRequire(join(cjsRoot, "package.json"));
  const load = (root: string, entry: string) => pathToFileURL(join(root, entry)).href;
  return {
    esm: {
      core: await import(load(esmRoot, "src/index.js")),
      memory: await import(load(esmRoot, "src/memory/index.js")),
    },
    cjs: {
      core: require(join(cjsRoot, "src/index.js")),
      memory: require(join(cjsRoot, "src/memory/index.js")),
    },
    cjsErrorsFile: join(cjsRoot, "src/core/errors.js"),
    origin,
  };
}
