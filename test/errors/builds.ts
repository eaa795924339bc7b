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
import { createContext, runInContext } from "node:vm";
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
  /** Loads the CommonJS copy of the core entry once more, into a new vm realm. */
  cjsCoreInNewRealm: () => typeof import("../../src/index.js");
  /** `dist` when the build is there and newer than every source; `transpiled` otherwise. */
  origin: "dist" | "transpiled";
}

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = join(repo, "src");
const nodeRequire = createRequire(import.meta.url);

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

/** The two entries' files in each layout: the bundles in dist/, one file per source when transpiled. */
const ENTRY_FILES = {
  dist: { core: "index.js", memory: "memory.js" },
  transpiled: { core: "src/index.js", memory: "src/memory/index.js" },
} as const;

/** True when `dist/<kind>` holds both entries' bundles, none older than any of their sources. */
function distIsFresh(kind: "esm" | "cjs"): boolean {
  const newestSource = Math.max(...sources().map((file) => statSync(file).mtimeMs));
  for (const entry of Object.values(ENTRY_FILES.dist)) {
    try {
      if (statSync(join(repo, "dist", kind, entry)).mtimeMs < newestSource) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Evaluates a CommonJS file and the relative files it requires in one new vm realm (Node's
 * built-ins come from this realm: only our own classes need to be foreign).
 */
function requireInNewRealm(file: string): Record<string, unknown> {
  // The host's web APIs (a bare vm context has only the language's own globals).
  const { TextDecoder, TextEncoder, AbortController, AbortSignal, DOMException } = globalThis;
  const realm = createContext({
    TextDecoder,
    TextEncoder,
    AbortController,
    AbortSignal,
    DOMException,
  });
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (path: string): Record<string, unknown> => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(path, module);
    const wrapper = runInContext(
      `(function (module, exports, require) {${readFileSync(path, "utf8")}\n})`,
      realm,
      { filename: path },
    );
    const requireHere = (id: string) =>
      id.startsWith(".") ? load(join(dirname(path), id)) : nodeRequire(id);
    wrapper(module, module.exports, requireHere);
    return module.exports;
  };
  return load(file);
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
  const files = ENTRY_FILES[origin];
  return {
    esm: {
      core: await import(load(esmRoot, files.core)),
      memory: await import(load(esmRoot, files.memory)),
    },
    cjs: {
      core: require(join(cjsRoot, files.core)),
      memory: require(join(cjsRoot, files.memory)),
    },
    cjsCoreInNewRealm: () =>
      requireInNewRealm(join(cjsRoot, files.core)) as unknown as Builds["cjs"]["core"],
    origin,
  };
}
