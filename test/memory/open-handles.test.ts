import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { HANDLE_SLOT, OpenHandles, type Registrable } from "../../src/memory/open-handles.js";

class Handle implements Registrable {
  [HANDLE_SLOT]: object | undefined = undefined;
  constructor(readonly id: number) {}
}

type Step = { op: "set"; key: number; value: string } | { op: "delete"; key: number };

const steps = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("set" as const), key: fc.nat(7), value: fc.string() }),
    fc.record({ op: fc.constant("delete" as const), key: fc.nat(7) }),
  ),
  { maxLength: 60 },
);

describe("OpenHandles behaves like a Map keyed by the handles", () => {
  test("get, set, delete, size and values() in insertion order agree with a Map", () => {
    fc.assert(
      fc.property(steps, (script: Step[]) => {
        const handles = Array.from({ length: 8 }, (_, i) => new Handle(i));
        const list = new OpenHandles<Handle, string>();
        const model = new Map<Handle, string>();
        for (const step of script) {
          const key = handles[step.key] as Handle;
          if (step.op === "set") {
            list.set(key, step.value);
            model.set(key, step.value);
          } else expect(list.delete(key)).toBe(model.delete(key));
          expect(list.size).toBe(model.size);
          expect([...list.values()]).toEqual([...model.values()]);
          for (const h of handles) expect(list.get(h)).toBe(model.get(h));
        }
      }),
      { numRuns: 200 },
    );
  });

  test("a handle held by one list is unknown to another", () => {
    const a = new OpenHandles<Handle, string>();
    const b = new OpenHandles<Handle, string>();
    const h = new Handle(1);
    a.set(h, "a");
    expect(b.get(h)).toBeUndefined();
    expect(b.delete(h)).toBe(false);
    expect(a.get(h)).toBe("a");
  });

  test("deleting while walking values() visits the rest, as a Map does", () => {
    const list = new OpenHandles<Handle, number>();
    const hs = [0, 1, 2, 3].map((i) => new Handle(i));
    for (const h of hs) list.set(h, h.id);
    const seen: number[] = [];
    for (const v of list.values()) {
      seen.push(v);
      list.delete(hs[v] as Handle);
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(list.size).toBe(0);
  });

  test("the slot is a symbol field, so a handle's enumerable keys are unchanged", () => {
    const list = new OpenHandles<Handle, string>();
    const h = new Handle(5);
    list.set(h, "x");
    expect(Object.keys(h)).toEqual(["id"]);
  });
});
