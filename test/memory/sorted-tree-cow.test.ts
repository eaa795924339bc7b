import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type FrozenTree, SortedTree } from "../../src/memory/sorted-tree.js";

// Copy-on-write under load: these tests interleave lookups, writes, deletes, freezes and
// restores in trees of several levels and check every answer and the frozen states against
// plain Maps, so a leaf shared with a checkpoint and changed in place would show at once.

type Op =
  | { kind: "set"; key: number; val: number }
  | { kind: "delete"; key: number }
  | { kind: "get"; key: number }
  | { kind: "freeze" }
  | { kind: "restore"; which: number };

const KEYS = 3000;
// Directory-like keys, so neighbours share long prefixes, as paths do.
const name = (n: number): string => `dir${n % 13}/sub${n % 5}/file${n}`;
const key = fc.oneof(fc.nat(KEYS), fc.integer({ min: 0, max: 40 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({ kind: fc.constant("set" as const), key, val: fc.integer() }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant("delete" as const), key }) },
  { weight: 25, arbitrary: fc.record({ kind: fc.constant("get" as const), key }) },
  { weight: 1, arbitrary: fc.constant({ kind: "freeze" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), which: fc.nat() }) },
);

function contents(tree: SortedTree<number>): [string, number][] {
  const out: [string, number][] = [];
  tree.scan("", (k, v) => {
    out.push([k, v]);
    return true;
  });
  return out;
}

const sorted = (model: Map<string, number>): [string, number][] =>
  [...model.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe("SortedTree copy-on-write across freezes and restores", () => {
  test("every get, delete and size agrees with a Map, and frozen states never change", () => {
    let largest = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 300, maxLength: 1500 }), (ops) => {
        // Start from a tree of three levels, then shake it.
        const tree = new SortedTree<number>();
        const model = new Map<string, number>();
        for (let n = 0; n < KEYS; n += 1 + (n % 3)) {
          tree.set(name(n), n);
          model.set(name(n), n);
        }
        const frozen: { state: FrozenTree<number>; entries: [string, number][] }[] = [];
        for (const o of ops) {
          if (o.kind === "set") {
            tree.set(name(o.key), o.val);
            model.set(name(o.key), o.val);
          } else if (o.kind === "delete") {
            expect(tree.delete(name(o.key))).toBe(model.get(name(o.key)));
            model.delete(name(o.key));
          } else if (o.kind === "get") {
            expect(tree.get(name(o.key))).toBe(model.get(name(o.key)));
          } else if (o.kind === "freeze") {
            frozen.push({ state: tree.freeze(), entries: sorted(model) });
          } else if (frozen.length > 0) {
            const chosen = frozen[o.which % frozen.length] as (typeof frozen)[number];
            tree.restore(chosen.state);
            model.clear();
            for (const [k, v] of chosen.entries) model.set(k, v);
          }
          expect(tree.size).toBe(model.size);
          largest = Math.max(largest, tree.size);
        }
        expect(contents(tree)).toEqual(sorted(model));
        for (const { state, entries } of frozen) {
          expect(contents(new SortedTree(state))).toEqual(entries);
        }
      }),
      { numRuns: 40 },
    );
    // The trees had several levels (64 keys per node).
    expect(largest).toBeGreaterThan(1500);
  }, 60_000); // a heavy property: past 5 s while other suites share the CPU

  test("writes after a freeze go to copies: the checkpoint keeps the old leaf's content", () => {
    const tree = new SortedTree<string>();
    for (let i = 0; i < 500; i++) tree.set(`k${String(i).padStart(3, "0")}`, "old");
    expect(tree.get("k250")).toBe("old");
    const checkpoint = tree.freeze();
    tree.set("k250", "new");
    tree.set("k2505", "added");
    expect(tree.get("k250")).toBe("new");
    expect(tree.get("k2505")).toBe("added");
    const before = new SortedTree(checkpoint);
    expect(before.get("k250")).toBe("old");
    expect(before.get("k2505")).toBeUndefined();
    tree.restore(checkpoint);
    expect(tree.get("k250")).toBe("old");
    expect(tree.get("k2505")).toBeUndefined();
  });

  test("a leaf copied and split after a freeze is never answered from its old copy", () => {
    for (let fill = 60; fill <= 70; fill++) {
      const tree = new SortedTree<number>();
      const keys = Array.from({ length: fill }, (_, i) => `k${String(i * 2).padStart(4, "0")}`);
      for (const [i, k] of keys.entries()) tree.set(k, i);
      // Remember the leaf (and the one before), then write into it after a freeze, so it is
      // copied and, once full, split; every key must still be found where it now lives.
      expect(tree.get(keys[1] as string)).toBe(1);
      expect(tree.get(keys[fill - 2] as string)).toBe(fill - 2);
      const checkpoint = tree.freeze();
      // From the top down, so the first copy splits and the new key lands in the upper half.
      for (let i = fill - 2; i >= 0; i--) {
        const added = `k${String(i * 2 + 1).padStart(4, "0")}`;
        tree.set(added, -i);
        expect(tree.get(added)).toBe(-i);
        expect(tree.get(keys[i] as string)).toBe(i);
      }
      for (const [i, k] of keys.entries()) expect(tree.get(k)).toBe(i);
      expect(new SortedTree(checkpoint).get("k0001")).toBeUndefined();
    }
  });
});
