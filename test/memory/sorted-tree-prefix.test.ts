import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SortedTree } from "../../src/memory/sorted-tree.js";

// keysWithPrefix finds the keys of a prefix by binary search on both ends of the range, and
// leaves out hidden values without reading them. Checked against a plain filter of a Map.

type Val = { dir: boolean; n: number };
const hide = (v: Val): boolean => v.dir;

// Few code units, U+FFFF and a surrogate half included, so keys share prefixes and the range
// end needs its carry.
const unit = fc.constantFrom("a", "b", "/", ".", "\uffff", "\ud800", "é", "0");
const key = fc.array(unit, { minLength: 1, maxLength: 6 }).map((u) => u.join(""));
const prefix = fc.array(unit, { maxLength: 4 }).map((u) => u.join(""));

function expected(model: Map<string, Val>, p: string): string[] {
  return [...model.entries()]
    .filter(([k, v]) => k.startsWith(p) && !v.dir)
    .map(([k]) => k)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe("SortedTree.keysWithPrefix", () => {
  test("is exactly the visible keys with the prefix, in order, through writes, deletes and restores", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 6, arbitrary: fc.tuple(fc.constant("set" as const), key, fc.boolean()) },
            { weight: 2, arbitrary: fc.tuple(fc.constant("delete" as const), key, fc.boolean()) },
            { weight: 1, arbitrary: fc.tuple(fc.constant("snap" as const), key, fc.boolean()) },
          ),
          { minLength: 400, maxLength: 900 },
        ),
        fc.array(prefix, { minLength: 1, maxLength: 10 }),
        (ops, prefixes) => {
          const tree = new SortedTree<Val>(undefined, { hide });
          const model = new Map<string, Val>();
          let saved:
            | { state: ReturnType<SortedTree<Val>["freeze"]>; model: Map<string, Val> }
            | undefined;
          for (const [kind, k, dir] of ops) {
            if (kind === "set") {
              tree.set(k, { dir, n: model.size });
              model.set(k, { dir, n: model.size });
            } else if (kind === "delete") {
              tree.delete(k);
              model.delete(k);
            } else if (saved && dir) {
              tree.restore(saved.state);
              model.clear();
              for (const [mk, mv] of saved.model) model.set(mk, mv);
            } else saved = { state: tree.freeze(), model: new Map(model) };
          }
          for (const p of [...prefixes, ""])
            expect(tree.keysWithPrefix(p)).toEqual(expected(model, p));
        },
      ),
      { numRuns: 150 },
    );
  });

  test("directory-like listings in a three-level tree", () => {
    const tree = new SortedTree<Val>(undefined, { hide });
    const model = new Map<string, Val>();
    for (let d = 0; d < 300; d++) {
      const dir = `d${d}`;
      tree.set(dir, { dir: true, n: d });
      model.set(dir, { dir: true, n: d });
      for (let f = 0; f < 12; f++) {
        const file = `${dir}/f${f}`;
        tree.set(file, { dir: false, n: f });
        model.set(file, { dir: false, n: f });
      }
      tree.set(`${dir}/sub`, { dir: true, n: -1 });
      model.set(`${dir}/sub`, { dir: true, n: -1 });
    }
    for (const p of ["d1", "d1/", "d17/", "d299/f1", "d3/sub", "e", "", "d", "d2/f11"]) {
      expect(tree.keysWithPrefix(p)).toEqual(expected(model, p));
    }
    expect(tree.keysWithPrefix("d42/")).toHaveLength(12);
  });

  test("a tree made without `hide` lists every key", () => {
    const tree = new SortedTree<number>();
    for (let i = 0; i < 200; i++) tree.set(`k${i}`, i);
    expect(tree.keysWithPrefix("k1")).toHaveLength(111);
    expect(tree.keysWithPrefix("")).toHaveLength(200);
  });

  test("a listing reads no value: hiding is decided once, when a value is stored", () => {
    let reads = 0;
    const counted = (dir: boolean): Val => ({
      get dir() {
        reads++;
        return dir;
      },
      n: 0,
    });
    const tree = new SortedTree<Val>(undefined, { hide });
    for (let d = 0; d < 200; d++) {
      tree.set(`d${d}`, counted(true));
      for (let f = 0; f < 50; f++) tree.set(`d${d}/f${f}`, counted(false));
    }
    reads = 0;
    expect(tree.keysWithPrefix("d7/")).toHaveLength(50);
    expect(tree.keysWithPrefix("")).toHaveLength(200 * 50);
    expect(reads).toBe(0);
  });
});
