import { expect } from "vitest";
import { isStorageError } from "../../src/core/errors.js";
import { readFile, readText, writeFile } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import type { HostilePath } from "./corpus.js";

/** How a hostile-input test makes, inspects and removes the backend under test. */
export interface HostileTarget {
  create(): Promise<ExtendedBackend>;
  /** Everything the store holds (files with contents, directories), for before/after checks. */
  snapshot(backend: ExtendedBackend): Promise<unknown>;
  destroy?(backend: ExtendedBackend): Promise<void>;
  /**
   * True when every valid path must work (the memory backend). A real filesystem may refuse
   * a valid name it cannot hold (NAME_MAX, PATH_MAX), but only with a typed error.
   */
  strict: boolean;
}

/** The baseline every run starts from. */
export async function seedBaseline(b: ExtendedBackend): Promise<void> {
  await writeFile(b, "top.txt", "top");
  await writeFile(b, "base/file.txt", "base");
  await b.mkdir("base/empty");
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

const settle = (promise: Promise<unknown>): Promise<Settled> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** One operation on the hostile path `p`, in an order that gives each a meaningful state. */
const steps: readonly (readonly [string, (b: ExtendedBackend, p: string) => Promise<unknown>])[] = [
  ["read (missing)", (b, p) => readText(b, p)],
  ["exists (missing)", (b, p) => b.exists(p)],
  ["stat (missing)", (b, p) => b.stat(p)],
  ["hash (missing)", (b, p) => b.hash(p, "sha256")],
  ["delete (missing)", (b, p) => b.delete(p)],
  ["rmdir (missing)", (b, p) => b.rmdir(p)],
  ["list", (b, p) => b.list(p)],
  ["write", (b, p) => writeFile(b, p, "hostile")],
  ["read", (b, p) => readText(b, p)],
  ["read a range", (b, p) => readFile(b, p, { offset: 1, limit: 3 })],
  ["stat", (b, p) => b.stat(p)],
  ["hash", (b, p) => b.hash(p, "md5")],
  ["mkdir over a file", (b, p) => b.mkdir(p)],
  ["rmdir of a file", (b, p) => b.rmdir(p)],
  ["write below a file", (b, p) => writeFile(b, `${p}/below.txt`, "x")],
  ["copy out", (b, p) => b.copy(p, "out/copy.txt")],
  ["move out", (b, p) => b.move(p, "out/moved.txt")],
  ["move back in", (b, p) => b.move("out/moved.txt", p)],
  ["copy in over it", (b, p) => b.copy("top.txt", p)],
  [
    "aborted writer",
    (b, p) => b.newWriter(p).then((w) => w.write("partial").then(() => w.abort())),
  ],
  ["delete", (b, p) => b.delete(p)],
  ["mkdir", (b, p) => b.mkdir(p)],
  ["write into it as a directory", (b, p) => writeFile(b, p, "x")],
  ["copy a directory onto it", (b, p) => b.copy("base", p)],
  ["write inside it", (b, p) => writeFile(b, `${p}/inner.txt`, "inner")],
  ["rmdir non-empty", (b, p) => b.rmdir(p)],
  ["rmdir recursive", (b, p) => b.rmdir(p, { recursive: true })],
  ["copy a directory to it", (b, p) => b.copy("base", p)],
  ["move a directory out", (b, p) => b.move(p, "out/dir")],
  ["move a directory back in", (b, p) => b.move("out/dir", p)],
  ["delete a directory", (b, p) => b.delete(p)],
  ["rmdir recursive again", (b, p) => b.rmdir(p, { recursive: true })],
];

/** Steps on a path derived from the hostile one (`${p}/below.txt`). */
const DERIVED = new Set(["write below a file", "write inside it"]);

/**
 * Runs every operation on one hostile path. Each call either works or rejects with a typed
 * StorageError, and a rejected call leaves the store exactly as it was. A valid path then
 * behaves as an ordinary name: it is listed under its exact key and reads back what was
 * written. Returns how many calls were rejected.
 */
export async function runHostilePath(target: HostileTarget, entry: HostilePath): Promise<number> {
  const b = await target.create();
  let rejected = 0;
  try {
    await seedBaseline(b);
    // The state before a step is the one after the last step that changed something: taken
    // again only after a success, since a rejected step is checked to change nothing.
    let before: unknown;
    for (const [name, step] of steps) {
      before ??= await target.snapshot(b);
      const outcome = await settle(step(b, entry.path));
      if (outcome.ok && name === "list") {
        // A list prefix is a plain string, not a path: it never rejects, it only matches.
        const prefix = entry.path.startsWith("/") ? entry.path.slice(1) : entry.path;
        for (const key of outcome.value as string[]) expect(key.startsWith(prefix)).toBe(true);
        continue;
      }
      if (outcome.ok) before = undefined;
      if (outcome.ok) {
        // `${p}/x` of an empty-ish path such as "/" is a valid path of its own.
        if (!DERIVED.has(name)) {
          expect(entry.key, `${name} of an invalid path must reject`).not.toBe("invalid");
        }
        continue;
      }
      rejected++;
      const err = outcome.error;
      expect(isStorageError(err), `${name}: ${String(err)}`).toBe(true);
      if (entry.key === "invalid" && !DERIVED.has(name)) {
        expect(isStorageError(err, "EINVAL"), `${name}: ${String(err)}`).toBe(true);
      }
      expect(await target.snapshot(b), `${name} was rejected but changed the store`).toEqual(
        before,
      );
    }
    if (entry.key !== "invalid") await checkOrdinaryName(target, b, entry);
    return rejected;
  } finally {
    await b.close();
    await target.destroy?.(b);
  }
}

/** A valid path stores under its exact key, next to the baseline, and reads back. */
async function checkOrdinaryName(
  target: HostileTarget,
  b: ExtendedBackend,
  entry: HostilePath,
): Promise<void> {
  const written = await settle(writeFile(b, entry.path, "ordinary"));
  if (!written.ok) {
    expect(target.strict, `write of a valid path failed: ${String(written.error)}`).toBe(false);
    expect(isStorageError(written.error)).toBe(true);
    return;
  }
  expect(await readText(b, entry.key)).toBe("ordinary");
  expect(await b.exists(entry.key)).toBe(true);
  const listed = await b.list("");
  expect(listed).toContain(entry.key);
  expect(listed).toEqual(expect.arrayContaining(["top.txt", "base/file.txt"]));
  expect((await b.stat(entry.path)).size).toBe(8);
  await b.delete(entry.path);
  expect(await b.list("")).not.toContain(entry.key);
}
