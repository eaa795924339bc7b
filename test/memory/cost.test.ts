import { beforeAll, describe, expect, test } from "vitest";
import { MemoryBackend } from "../../src/memory/index.js";
import { treeWork } from "../../src/memory/sorted-tree.js";

// Cost is proven by counting, not timing: the tree counts every entry a range scan hands to
// its visitor and every key-range read, so the difference across a call is what it touched.
let start = { visits: 0, rangeReads: 0 };

function countFromHere(): void {
  start = { ...treeWork };
}

function counted(): { visits: number; rangeReads: number } {
  return {
    visits: treeWork.visits - start.visits,
    rangeReads: treeWork.rangeReads - start.rangeReads,
  };
}

const FILES = 100_000;
let template: ReturnType<MemoryBackend["snapshot"]>;

beforeAll(() => {
  const tree: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) tree[`dir${i % 1000}/file${i}.txt`] = "x";
  template = MemoryBackend.from(tree).snapshot();
});

function seeded(): MemoryBackend {
  const b = new MemoryBackend();
  b.restore(template);
  return b;
}

describe("operation cost does not grow with unrelated data (100k files)", () => {
  test("list(prefix) reads the prefix's key range from the tree and never scans", async () => {
    const b = seeded();
    countFromHere();
    const hits = await b.list("dir7/");
    expect(hits).toHaveLength(100);
    // One range read (a B+tree descent, then only the leaves that hold the range:
    // test/memory/sorted-tree-prefix.test.ts checks it reads no values), no scan.
    expect(counted()).toEqual({ visits: 0, rangeReads: 1 });
  });

  test("rmdir's emptiness check looks at a single entry", async () => {
    const b = seeded();
    await b.mkdir("empty");
    countFromHere();
    await b.rmdir("empty");
    await expect(b.rmdir("dir9")).rejects.toMatchObject({ code: "ENOTEMPTY" });
    expect(counted().visits).toBeLessThanOrEqual(2);
  });

  test("moving a directory visits its own subtree only", async () => {
    const b = seeded();
    countFromHere();
    await b.move("dir42", "moved/dir42");
    expect(counted().visits).toBeLessThanOrEqual(100 + 1);
    expect(await b.list("moved/")).toHaveLength(100);
  });

  test("exists, stat, readers and writers do no range scan at all", async () => {
    const b = seeded();
    countFromHere();
    expect(await b.exists("dir5/file5.txt")).toBe(true);
    expect((await b.stat("dir5")).isDir).toBe(true);
    await (await b.newReader("dir5/file5.txt")).close();
    const w = await b.newWriter("dir5/new.txt");
    await w.write("y");
    await w.close();
    expect(counted().visits).toBe(0);
  });
});
