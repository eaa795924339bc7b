import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryBackend } from "../../src/memory/index.js";
import { SortedTree } from "../../src/memory/sorted-tree.js";

// Cost is proven by counting, not timing: every path the store looks at during a range scan
// goes through SortedTree.scan's visitor, so wrapping it counts the entries an operation touches.
let visited = 0;
const originalScan = SortedTree.prototype.scan;

function countVisits(): void {
  vi.spyOn(SortedTree.prototype, "scan").mockImplementation(function (
    this: SortedTree<unknown>,
    from,
    visit,
  ) {
    return originalScan.call(this, from, (key, val) => {
      visited++;
      return visit(key, val);
    });
  });
}

const FILES = 100_000;
let template: ReturnType<MemoryBackend["snapshot"]>;

beforeAll(() => {
  const tree: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) tree[`dir${i % 1000}/file${i}.txt`] = "x";
  template = MemoryBackend.from(tree).snapshot();
});

afterEach(() => {
  vi.restoreAllMocks();
  visited = 0;
});

function seeded(): MemoryBackend {
  const b = new MemoryBackend();
  b.restore(template);
  return b;
}

describe("operation cost does not grow with unrelated data (100k files)", () => {
  test("list(prefix) reads the prefix's key range from the tree and never scans", async () => {
    const b = seeded();
    countVisits();
    const range = vi.spyOn(SortedTree.prototype, "keysWithPrefix");
    const hits = await b.list("dir7/");
    expect(hits).toHaveLength(100);
    // One range read of exactly this prefix (a B+tree descent, then only the leaves that hold
    // the range: test/memory/sorted-tree-prefix.test.ts checks it reads no values), no scan.
    expect(range.mock.calls).toEqual([["dir7/"]]);
    expect(visited).toBe(0);
  });

  test("rmdir's emptiness check looks at a single entry", async () => {
    const b = seeded();
    await b.mkdir("empty");
    countVisits();
    await b.rmdir("empty");
    await expect(b.rmdir("dir9")).rejects.toMatchObject({ code: "ENOTEMPTY" });
    expect(visited).toBeLessThanOrEqual(2);
  });

  test("moving a directory visits its own subtree only", async () => {
    const b = seeded();
    countVisits();
    await b.move("dir42", "moved/dir42");
    expect(visited).toBeLessThanOrEqual(100 + 1);
    expect(await b.list("moved/")).toHaveLength(100);
  });

  test("exists, stat, readers and writers do no range scan at all", async () => {
    const b = seeded();
    countVisits();
    expect(await b.exists("dir5/file5.txt")).toBe(true);
    expect((await b.stat("dir5")).isDir).toBe(true);
    await (await b.newReader("dir5/file5.txt")).close();
    const w = await b.newWriter("dir5/new.txt");
    await w.write("y");
    await w.close();
    expect(visited).toBe(0);
  });
});
