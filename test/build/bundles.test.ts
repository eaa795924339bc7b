import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { bundleName, ENTRIES, packageFields } from "../../scripts/entries.mjs";
import { builtDist } from "./built-dist.js";

let dist: string;
beforeAll(() => {
  dist = builtDist();
}, 180_000);

/** Runs `code` in a fresh Node process (ESM or CommonJS) and returns what it printed, parsed. */
function inFreshNode(format: "esm" | "cjs", code: string): unknown {
  const args = format === "esm" ? ["--input-type=module", "-e", code] : ["-e", code];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }));
}

/** Node built-ins that cost a fresh process milliseconds when imported as ES modules. */
const HEAVY = /^NativeModule (stream|crypto)$/;

describe("the bundles", () => {
  // src/memory and src/file still import node:crypto at the top (their owners' change); the
  // entries below must not load a heavy built-in before it is used.
  test.each(["index", "matchers", "sync"])(
    "importing the %s entry as ESM loads neither node:stream nor node:crypto",
    (entry) => {
      const file = JSON.stringify(join(dist, "esm", `${entry}.js`));
      const loaded = inFreshNode(
        "esm",
        `const before = new Set(process.moduleLoadList);
         await import(${file});
         const added = process.moduleLoadList.filter((m) => !before.has(m) && ${HEAVY}.test(m));
         console.log(JSON.stringify(added));`,
      );
      expect(loaded).toEqual([]);
    },
  );

  test.each(["esm", "cjs"] as const)(
    "a Node stream still works once asked for (%s): the built-in loads on first use",
    (format) => {
      const core = JSON.stringify(join(dist, format, "index.js"));
      const memory = JSON.stringify(join(dist, format, "memory.js"));
      const load = (f: string) => (format === "esm" ? `await import(${f})` : `require(${f})`);
      const body = `
        const { writeFile } = ${load(core)};
        const { MemoryBackend } = ${load(memory)};
        const b = new MemoryBackend();
        await writeFile(b, "a.txt", "hello");
        const chunks = [];
        for await (const c of (await b.newReader("a.txt")).toReadable()) chunks.push(...c);
        const w = (await b.newWriter("b.txt")).toWritable();
        await new Promise((ok, fail) => w.end("bye", (e) => (e ? fail(e) : ok())));
        const written = new TextDecoder().decode(b.readSync("b.txt"));
        console.log(JSON.stringify([String.fromCharCode(...chunks), written]));`;
      const code = format === "esm" ? body : `(async () => {${body}})();`;
      expect(inFreshNode(format, code)).toEqual(["hello", "bye"]);
    },
  );

  test.each(["esm", "cjs"] as const)(
    "entries of one format share one copy of each class and of the registry (%s)",
    (format) => {
      const at = (entry: string) => JSON.stringify(join(dist, format, `${entry}.js`));
      const load = (entry: string) =>
        format === "esm" ? `await import(${at(entry)})` : `require(${at(entry)})`;
      const body = `
        const core = ${load("index")};
        const { MemoryBackend } = ${load("memory")};
        const { toTree } = ${load("matchers")};
        const { sync } = ${load("sync")};
        const opened = await core.open("memory");
        const copy = new MemoryBackend();
        await core.writeFile(opened, "a.txt", "x");
        await sync(opened, copy, "", "");
        console.log(JSON.stringify([opened instanceof MemoryBackend, toTree(copy), core.backends()]));`;
      const code = format === "esm" ? body : `(async () => {${body}})();`;
      expect(inFreshNode(format, code)).toEqual([true, { "a.txt": "x" }, ["memory"]]);
    },
  );

  test("every entry has its bundle and declarations in each of its formats", () => {
    for (const entry of ENTRIES) {
      for (const format of entry.esmOnly ? ["esm"] : ["esm", "cjs"]) {
        expect(readFileSync(join(dist, format, `${bundleName(entry)}.js`), "utf8")).not.toBe("");
        const types = join(dist, format, "types", entry.source.replace(/\.ts$/, ".d.ts"));
        expect(readFileSync(types, "utf8")).toContain("export");
      }
    }
  });

  test("the bundles carry no source maps: stack traces point into shipped files", () => {
    for (const format of ["esm", "cjs"]) {
      const code = readFileSync(join(dist, format, "index.js"), "utf8");
      expect(code).not.toContain("sourceMappingURL");
    }
  });
});

test("package.json's exports, typesVersions and sideEffects are the ones scripts/entries.mjs gives", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  for (const [key, value] of Object.entries(packageFields())) expect(pkg[key], key).toEqual(value);
});
