import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readFile, writeFile } from "../../src/core/helpers.js";
import { isWithin } from "../../src/core/paths.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { FileBackend } from "../../src/file/index.js";
import { type FaultSpec, MemoryBackend } from "../../src/memory/index.js";
import type { SyncFilter, SyncResult } from "../../src/sync/index.js";
import { copyDir, sync } from "../../src/sync/index.js";
import { takesPart } from "./filter-oracle.js";
import { plainBackend } from "./helpers.js";

// Nothing is lost: whatever the folders (overlapping, missing, a file, siblings, roots), the
// backends (one, or two), the options and the injected failures, a file that existed before a
// sync is afterwards still there with its content, or it was overwritten by its source
// counterpart, or it was an extra (in the destination folder, not in the source, not
// excluded) that a FULLY successful run with deleteExtra deleted. A dry run changes nothing.

const T0 = Date.UTC(2024, 0, 1);
const decoder = new TextDecoder();

/** Names that make siblings with a shared prefix (`data`, `database`) and file/folder clashes. */
const SEGMENT = fc.constantFrom("data", "database", "d", "x.txt", "y.bin");

/** Drops every path that is a folder of another, so the set is a valid tree. */
function asTree(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`)));
}

const treeArb = fc
  .uniqueArray(
    fc.array(SEGMENT, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")),
    { maxLength: 8 },
  )
  .map(asTree)
  .chain((paths) =>
    fc
      .tuple(
        ...paths.map(() =>
          fc.record({
            content: fc.constantFrom("", "a", "bb", "new content", "old content"),
            modTime: fc.constantFrom(T0, T0 + 5000),
          }),
        ),
      )
      .map((values) => paths.map((path, i) => ({ path, ...(values[i] as object) }))),
  ) as fc.Arbitrary<{ path: string; content: string; modTime: number }[]>;

/** Folder spellings: roots, existing folders, missing ones, files, odd slashes. */
const FOLDER = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("", "/", ".", "./") },
  { weight: 4, arbitrary: fc.constantFrom("data", "/data/", "./data", "database", "d") },
  { weight: 1, arbitrary: fc.constantFrom("data//d", "data/d/", "data/database") },
  { weight: 1, arbitrary: fc.constantFrom("missing", "x.txt", "data/x.txt") },
);

const FAULT_OPS = ["newWriter", "write", "close", "copy", "delete"] as const;
const faultArb: fc.Arbitrary<FaultSpec> = fc.record({
  op: fc.constantFrom(...FAULT_OPS),
  path: fc.constantFrom("**", "**/x.txt", "data/**", "*.bin", "**/d/**", "d"),
  times: fc.constantFrom(1, 2, 100),
});

const filterArb: fc.Arbitrary<SyncFilter | undefined> = fc.constantFrom(
  undefined,
  { exclude: "*.bin" },
  { exclude: "d/" },
  { include: "*.txt" },
  { include: ["*.txt", "*.bin"], exclude: "data/**" },
);

const optionsArb = fc.record({
  copyOnly: fc.constantFrom(false, false, false, true),
  deleteExtra: fc.constantFrom(true, true, true, false),
  dryRun: fc.constantFrom(false, false, false, true),
  checksum: fc.boolean(),
  ignoreExisting: fc.boolean(),
  concurrency: fc.constantFrom(1, 3),
  maxErrors: fc.constantFrom(0, 0, 1),
  filter: filterArb,
  // Abort at the n-th progress report (scanning, comparing, each file …), or never.
  abortAt: fc.option(fc.integer({ min: 0, max: 8 }), { freq: 3 }),
});

type Layout =
  | "one memory"
  | "two memory"
  | "memory → file"
  | "file → memory"
  | "memory → plain Backend";

/** Every file of a backend with its text content. */
async function state(backend: ExtendedBackend): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of await backend.list("")) {
    out.set(path, decoder.decode(await readFile(backend, path)));
  }
  return out;
}

/** The folder as sync reads it: `""` for the roots, else normalised. */
function folderOf(spelling: string): string {
  return spelling
    .split("/")
    .filter((s) => s !== "" && s !== ".")
    .join("/");
}

function relativeTo(folder: string, path: string): string | undefined {
  if (folder === "") return path;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
}

/**
 * True when a copy or comparison failed. Deletes cannot be undone as a group, so a failing
 * delete cannot keep the other extras; but any failed transfer must keep every extra. A file
 * "not copied" because an extra in its way could not be deleted is the delete's failure.
 */
function transfersFailed(result: SyncResult | undefined): boolean {
  return (result?.errors ?? []).some(
    (e) => e.op !== "delete" && !/not copied; the extra files in its way/.test(String(e.error)),
  );
}

async function makeDisk(): Promise<{ backend: ExtendedBackend; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "omnistorage-no-loss-"));
  return {
    backend: new FileBackend({ root }),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

const scenarioArb = fc.record({
  srcTree: treeArb,
  dstTree: treeArb,
  srcPath: FOLDER,
  dstPath: FOLDER,
  faults: fc.array(faultArb, { maxLength: 2 }),
  options: optionsArb,
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

async function runScenario(layout: Layout, scenario: Scenario): Promise<void> {
  const { srcTree, dstTree, srcPath, dstPath, faults, options } = scenario;
  const cleanups: (() => Promise<void>)[] = [];
  const make = async (kind: "memory" | "file") => {
    if (kind === "memory") return new MemoryBackend() as ExtendedBackend;
    const disk = await makeDisk();
    cleanups.push(async () => {
      await disk.backend.close();
      await disk.remove();
    });
    return disk.backend;
  };
  try {
    const src = await make(layout === "file → memory" ? "file" : "memory");
    const dst =
      layout === "one memory" ? src : await make(layout === "memory → file" ? "file" : "memory");
    for (const f of srcTree)
      await writeFile(src, f.path, f.content, { modTime: new Date(f.modTime) });
    for (const f of dstTree) {
      // On one backend the two trees share the store: the second only adds what fits.
      await writeFile(dst, f.path, f.content, { modTime: new Date(f.modTime) }).catch(() => {});
    }
    const srcBefore = await state(src);
    const dstBefore = dst === src ? srcBefore : await state(dst);
    const injected = dst instanceof MemoryBackend ? faults.map((f) => dst.inject(f)) : [];

    const { copyOnly, filter, abortAt, ...rest } = options;
    const controller = new AbortController();
    const stop = new Error("aborted by the property");
    let reports = 0;
    const syncOptions = {
      ...rest,
      filter,
      signal: controller.signal,
      progress: () => {
        if (reports++ === abortAt) controller.abort(stop);
      },
    };
    // A destination with nothing but the Backend methods: no stat, no hash, no move.
    const target = layout === "memory → plain Backend" ? plainBackend(dst) : dst;
    let result: SyncResult | undefined;
    let failure: unknown;
    try {
      result = copyOnly
        ? await copyDir(src, target, srcPath, dstPath, syncOptions)
        : await sync(src, target, srcPath, dstPath, syncOptions);
    } catch (err) {
      failure = err;
    }
    for (const handle of injected) handle.remove();
    // Settled means finished: no reader or writer is left open, whatever failed or aborted.
    for (const b of [src, dst]) if (b instanceof MemoryBackend) expect(b.openHandles()).toEqual([]);

    const srcAfter = await state(src);
    const dstAfter = dst === src ? srcAfter : await state(dst);
    const from = folderOf(srcPath);
    const to = folderOf(dstPath);

    // On one backend, overlapping folders are refused before anything changes.
    if (dst === src && (from === "" || to === "" || isWithin(from, to) || isWithin(to, from))) {
      expect(failure).toMatchObject({ code: "EINVAL" });
    }
    // A staged temporary file stays only when removing it failed too (an injected delete
    // fault), and the result says so (an aborted run has no result to say it in).
    const reported = new Set(result?.errors.filter((e) => e.op === "delete").map((e) => e.path));
    const deleteFaults = faults.some((f) => f.op === "delete");
    for (const path of dstAfter.keys()) {
      if (!/omnistorage-sync/.test(path)) continue;
      if (failure === stop && deleteFaults) continue;
      expect(reported).toContain(relativeTo(folderOf(dstPath), path));
    }
    // A source folder that is missing (or a file) is refused before anything changes.
    if (from !== "" && ![...srcBefore.keys()].some((p) => p.startsWith(`${from}/`))) {
      expect(failure).toMatchObject({ code: expect.stringMatching(/^(ENOENT|ENOTDIR|EINVAL)$/) });
    }

    const aborted = failure === stop;
    if ((failure !== undefined && !aborted) || result?.dryRun || (aborted && options.dryRun)) {
      // A refusal, or a dry run: nothing changed anywhere.
      expect(dstAfter).toEqual(dstBefore);
      expect(srcAfter).toEqual(srcBefore);
      return;
    }
    if (dst !== src) expect(srcAfter).toEqual(srcBefore);

    const deleting = !copyOnly && options.deleteExtra === true;
    const takes = (rel: string) => filter === undefined || takesPart(filter, rel);
    for (const [path, content] of dstBefore) {
      const now = dstAfter.get(path);
      if (now === content) continue;
      const rel = relativeTo(to, path);
      const why = `${path} (${JSON.stringify(content)} → ${JSON.stringify(now)})`;
      expect(rel, `${why} changed outside the destination folder`).toBeDefined();
      expect(takes(rel as string), `${why} is excluded, yet changed`).toBe(true);
      const source = srcBefore.get(from === "" ? (rel as string) : `${from}/${rel}`);
      if (now !== undefined) {
        // Overwritten: only ever with its source counterpart's content.
        expect(now, `${why} overwritten with something else than its source`).toBe(source);
        continue;
      }
      // Gone: only an extra that a fully successful run with deleteExtra deleted.
      expect(source, `${why} deleted although the source has it`).toBeUndefined();
      expect(deleting, `${why} deleted without deleteExtra`).toBe(true);
      if (aborted) {
        // An abort deletes an extra only once the transfers are over (every source file has
        // arrived), or in the commit that put a file in its place (a file now stands at its
        // folder, or below where it was).
        const replaced = [...dstAfter.keys()].some((p) => isWithin(path, p) || isWithin(p, path));
        const arrived = [...srcBefore.keys()].every((p) => {
          const r = relativeTo(from, p);
          return r === undefined || !takes(r) || dstAfter.has(to === "" ? r : `${to}/${r}`);
        });
        expect(replaced || arrived, `${why} deleted by an aborted run`).toBe(true);
        continue;
      }
      expect(transfersFailed(result), `${why} deleted by a run whose transfers failed`).toBe(false);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

const LAYOUTS: readonly [Layout, number][] = [
  ["one memory", 300],
  ["two memory", 300],
  ["memory → file", 40],
  ["file → memory", 40],
  ["memory → plain Backend", 200],
];

describe("sync loses nothing", () => {
  test.each(LAYOUTS)(
    "%s: a file that existed is still there, was updated from its source, or was an extra a fully successful run deleted",
    async (layout, numRuns) => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, (scenario) => runScenario(layout, scenario)),
        { numRuns },
      );
    },
    120_000,
  );
});
