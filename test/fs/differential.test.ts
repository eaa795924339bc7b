import * as realFs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { expect, test } from "vitest";
import { createFs } from "../../src/fs/index.js";
import { MemoryBackend } from "../../src/memory/index.js";

// The facade's fidelity, proven against the real thing: the same random sequence of calls runs
// on createFs(new MemoryBackend()) and on node:fs in a fresh temporary folder, and every result,
// every error (code and syscall) and the final tree must agree. The facade runs each call in a
// random form (promise or Sync), so both are held to the disk. Deliberate differences (docs/fs.md)
// are kept out of what is compared: directory sizes, times, readdir's order (sorted here).

const NUM_RUNS = Number(process.env.FS_DIFF_RUNS ?? 300);

const segment = fc.constantFrom("a", "b", "c.txt");
const cleanPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
// Now and then with a trailing `/` or `/.`, which name a directory (one-path calls only: the
// facade does not follow every rule of those spellings in rename/copyFile/cp, see docs/fs.md).
const relPath = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat(9))
  .map(([s, dot, n]) => `${s.join("/")}${n === 0 ? "/" : ""}${dot && n === 1 ? "/." : ""}`);
const content = fc.constantFrom("", "x", "hello", "é∂");

type Command =
  | { op: "writeFile" | "appendFile"; path: string; data: string; flag?: "wx" }
  | { op: "readFile" | "stat" | "access" | "unlink" | "rmdir" | "exists"; path: string }
  | { op: "mkdir"; path: string; recursive: boolean }
  | { op: "readdir"; path: string; recursive: boolean }
  | { op: "rm"; path: string; recursive: boolean; force: boolean }
  | { op: "rename"; path: string; to: string }
  | { op: "copyFile"; path: string; to: string; exclusive: boolean }
  | { op: "cp"; path: string; to: string; recursive: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constantFrom("writeFile", "appendFile"), path: relPath, data: content }),
  fc.record({
    op: fc.constant("writeFile"),
    path: relPath,
    data: content,
    flag: fc.constant("wx"),
  }),
  fc.record({
    op: fc.constantFrom("readFile", "stat", "access", "unlink", "rmdir", "exists"),
    path: relPath,
  }),
  fc.record({ op: fc.constant("mkdir"), path: relPath, recursive: fc.boolean() }),
  fc.record({
    op: fc.constant("readdir"),
    path: fc.oneof(relPath, fc.constant("")),
    recursive: fc.boolean(),
  }),
  fc.record({ op: fc.constant("rm"), path: relPath, recursive: fc.boolean(), force: fc.boolean() }),
  fc.record({ op: fc.constant("rename"), path: cleanPath, to: cleanPath }),
  fc.record({
    op: fc.constant("copyFile"),
    path: cleanPath,
    to: cleanPath,
    exclusive: fc.boolean(),
  }),
  fc.record({ op: fc.constant("cp"), path: cleanPath, to: cleanPath, recursive: fc.boolean() }),
) as fc.Arbitrary<Command>;

// biome-ignore lint/suspicious/noExplicitAny: both sides are called through one untyped shape.
type AnyFs = Record<string, any>;

/** Runs one command; the outcome is plain data both sides can be compared on. */
async function apply(fs: AnyFs, sync: boolean, at: (p: string) => string, c: Command) {
  const call = (name: string, ...args: unknown[]) =>
    sync ? fs[`${name}Sync`](...args) : fs.promises[name](...args);
  try {
    switch (c.op) {
      case "writeFile":
        return await call("writeFile", at(c.path), c.data, c.flag ? { flag: c.flag } : undefined);
      case "appendFile":
        return await call("appendFile", at(c.path), c.data);
      case "readFile":
        return await call("readFile", at(c.path), "utf8");
      case "stat": {
        const s = await call("stat", at(c.path));
        return { file: s.isFile(), dir: s.isDirectory(), size: s.isFile() ? s.size : "dir" };
      }
      case "access":
        return await call("access", at(c.path));
      case "exists":
        return fs.existsSync(at(c.path));
      case "unlink":
      case "rmdir":
        return await call(c.op, at(c.path));
      case "mkdir": {
        const first = await call("mkdir", at(c.path), { recursive: c.recursive });
        return first === undefined
          ? undefined
          : `created ${first.slice(at("").replace(/\/$/, "").length)}`;
      }
      case "readdir":
        return [...(await call("readdir", at(c.path), { recursive: c.recursive }))].sort();
      case "rm":
        return await call("rm", at(c.path), { recursive: c.recursive, force: c.force });
      case "rename":
        return await call("rename", at(c.path), at(c.to));
      case "copyFile":
        return await call("copyFile", at(c.path), at(c.to), c.exclusive ? 1 : 0);
      case "cp":
        return await call("cp", at(c.path), at(c.to), { recursive: c.recursive });
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // rm's syscall depends on the Node version's implementation (lstat, unlink, rmdir …).
    return { error: e.code, syscall: c.op === "rm" ? "rm" : e.syscall };
  }
}

const isDir = (path: string) => {
  try {
    return realFs.statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Every entry below `dir`: path → content, or null for a directory. */
function treeOf(fs: AnyFs, dir: string, prefix = ""): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of [...fs.readdirSync(dir)].sort() as string[]) {
    const full = `${dir}/${name}`;
    const rel = prefix + name;
    if (fs.statSync(full).isDirectory()) {
      out[rel] = null;
      Object.assign(out, treeOf(fs, full, `${rel}/`));
    } else out[rel] = fs.readFileSync(full, "utf8");
  }
  return out;
}

test(`createFs(MemoryBackend) agrees with node:fs on ${NUM_RUNS} random call sequences`, async () => {
  const base = realFs.mkdtempSync(join(tmpdir(), "omnistorage-fsdiff-"));
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(command, fc.boolean()), { maxLength: 25 }),
        async (commands) => {
          const root = join(base, String(run++));
          realFs.mkdirSync(root);
          const fake = createFs(new MemoryBackend());
          const real = realFs as unknown as AnyFs;
          for (const [c, sync] of commands) {
            // libuv's copyFile of a directory deletes the destination; the facade does not.
            if (c.op === "copyFile" && isDir(`${root}/${c.path}`)) continue;
            const expected = await apply(real, true, (p) => (p ? `${root}/${p}` : root), c);
            const actual = await apply(fake, sync, (p) => `/${p}`, c);
            expect({ c, result: actual }).toEqual({ c, result: expected });
          }
          expect(treeOf(fake, "/")).toEqual(treeOf(real, root));
          realFs.rmSync(root, { recursive: true, force: true });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  } finally {
    realFs.rmSync(base, { recursive: true, force: true });
  }
}, 120_000);
