// Property tests with @fast-check/vitest's `test.prop` and the package's arbitraries. test.prop
// runs the beforeEach hooks again before each run of the property, and the handle follows
// them: every run starts from a new backend in the seeded state, hooks' writes included.
import { fc, test } from "@fast-check/vitest";
import { readFile, writeFile } from "omnistorage-ts";
import { storageContent, storageSegment, storageTree } from "omnistorage-ts/fast-check";
import { MemoryBackend } from "omnistorage-ts/memory";
import { useMemoryBackend } from "omnistorage-ts/vitest";
import { beforeEach, expect } from "vitest";
import { backup } from "./backup.js";

const backend = useMemoryBackend({ seed: { "notes/todo.txt": "ship it" } });
beforeEach(async () => {
  await writeFile(backend, "notes/from-beforeEach.txt", "hook");
});

// Trees without a top-level "backups" entry, so the backup never lands on one of the files.
const userTree = storageTree().map((tree) =>
  Object.fromEntries(Object.entries(tree).filter(([path]) => !/^backups(\/|$)/.test(path))),
);

test.prop([userTree, storageSegment()])(
  "a backup holds a copy of every file",
  async (tree, stamp) => {
    const source = MemoryBackend.from(tree);
    for (const path of await source.list())
      await writeFile(backend, path, await readFile(source, path));
    const before = await backend.list();

    expect(await backup(backend, stamp)).toBe(before.length);

    for (const path of before) {
      expect(backend).toHaveFile(`backups/${stamp}/${path}`, await readFile(backend, path));
    }
  },
);

test.prop([storageContent()])(
  "each run starts from the seed and the beforeEach hook, not from the previous run",
  async (content) => {
    expect(backend).toMatchTree({
      "notes/todo.txt": "ship it",
      "notes/from-beforeEach.txt": "hook",
    });
    await writeFile(backend, "notes/todo.txt", content);
  },
);

test.prop({ stamp: storageSegment() }, { numRuns: 20 })(
  "backing up twice under different stamps keeps both",
  async ({ stamp }) => {
    fc.pre(stamp !== "first");
    await backup(backend, "first");
    await backup(backend, stamp);
    expect(backend).toHaveFile(`backups/first/notes/todo.txt`, "ship it");
    expect(backend).toHaveFile(`backups/${stamp}/notes/todo.txt`, "ship it");
    expect(backend).not.toHaveFile(`backups/${stamp}/backups/first/notes/todo.txt`);
  },
);
