import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type FrozenTree, SortedTree } from "../../src/memory/sorted-tree.js";

type Op =
  | { kind: "set"; key: string; val: number }
  | { kind: "delete"; key: string }
  | { kind: "freeze" }
  | { kind: "restore"; which: number };

// Few distinct keys so that replacing, deleting and re-inserting happen often; long enough
// sequences to split and empty nodes (64 keys per node).
const key = fc.oneof(
  fc.integer({ min: 0, max: 400 }).map((n) => `k${n.toString(36)}`),
  fc.string({ unit: "grapheme", maxLength: 3 }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant("set" as const), key, val: fc.integer() }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("delete" as const), key }) },
  { weight: 1, arbitrary: fc.constant({ kind: "freeze" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), which: fc.nat() }) },
);

const sortedEntries = (model: Map<string, number>): [string, number][] =>
  [...model.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function contents(tree: SortedTree<number>, from = ""): [string, number][] {
  const out: [string, number][] = [];
  tree.scan(from, (k, v) => {
    out.push([k, v]);
    return true;
  });
  return out;
}

describe("SortedTree (copy-on-write B+tree)", () => {
  test("agrees with a sorted Map on get, size and ordered scans; frozen states never change", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), key, (ops, probe) => {
        const tree = new SortedTree<number>();
        const model = new Map<string, number>();
        const frozen: { state: FrozenTree<number>; model: [string, number][] }[] = [];
        for (const o of ops) {
          if (o.kind === "set") {
            tree.set(o.key, o.val);
            model.set(o.key, o.val);
          } else if (o.kind === "delete") {
            expect(tree.delete(o.key)).toBe(model.get(o.key));
            model.delete(o.key);
          } else if (o.kind === "freeze") {
            frozen.push({ state: tree.freeze(), model: sortedEntries(model) });
          } else if (frozen.length > 0) {
            const chosen = frozen[o.which % frozen.length] as (typeof frozen)[number];
            tree.restore(chosen.state);
            model.clear();
            for (const [k, v] of chosen.model) model.set(k, v);
          }
        }
        expect(tree.size).toBe(model.size);
        expect(tree.get(probe)).toBe(model.get(probe));
        expect(contents(tree)).toEqual(sortedEntries(model));
        expect(contents(tree, probe)).toEqual(sortedEntries(model).filter(([k]) => k >= probe));
        for (const { state, model: expected } of frozen) {
          expect(contents(new SortedTree(state))).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  test("scan stops as soon as the visitor returns false", () => {
    const tree = new SortedTree<number>();
    for (let i = 0; i < 1000; i++) tree.set(`k${String(i).padStart(4, "0")}`, i);
    const seen: string[] = [];
    tree.scan("k0500", (k) => {
      seen.push(k);
      return seen.length < 3;
    });
    expect(seen).toEqual(["k0500", "k0501", "k0502"]);
  });

  test("deleting everything leaves a usable empty tree", () => {
    const tree = new SortedTree<number>();
    for (let i = 0; i < 5000; i++) tree.set(`k${i}`, i);
    for (let i = 0; i < 5000; i++) tree.delete(`k${i}`);
    expect(tree.size).toBe(0);
    expect(contents(tree)).toEqual([]);
    tree.set("again", 1);
    expect(contents(tree)).toEqual([["again", 1]]);
  });
});
