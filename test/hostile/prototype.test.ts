import { describe, expect, test } from "vitest";
import { readText } from "../../src/core/helpers.js";
import { MemoryBackend } from "../../src/memory/index.js";

const own = (o: object, key: string) => Object.getOwnPropertyDescriptor(o, key)?.value;

const untouched = () => {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
};

describe("prototype-sensitive keys in seed trees", () => {
  test("from() with a JSON.parse'd __proto__ key stores the entry and pollutes nothing", async () => {
    const tree = JSON.parse(
      '{"__proto__": {"polluted": "yes"}, "constructor": "c", "a/__proto__": "nested", "prototype": null}',
    );
    const b = MemoryBackend.from(tree);
    untouched();
    expect(b.listSync("")).toEqual(["__proto__", "a/__proto__", "constructor"]);
    expect(JSON.parse(await readText(b, "__proto__"))).toEqual({ polluted: "yes" });
    const out = b.toJSON();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "a/__proto__", "constructor", "prototype"]);
    expect(own(out, "__proto__")).toBe(JSON.stringify({ polluted: "yes" }, null, 2));
    expect(own(out, "constructor")).toBe("c");
    expect(own(out, "prototype")).toBeNull();
    untouched();
  });

  test("load() merges a __proto__ key like any other, and toJSON() round-trips it", () => {
    const b = MemoryBackend.from({ "x.txt": "x" });
    b.load(JSON.parse('{"__proto__": "plain text", "toString": "t", "hasOwnProperty": "h"}'));
    untouched();
    const out = b.toJSON();
    expect(own(out, "__proto__")).toBe("plain text");
    expect(own(out, "hasOwnProperty")).toBe("h");
    expect(MemoryBackend.from(out).toJSON()).toEqual(out);
    expect(Object.keys(MemoryBackend.from(out).toJSON())).toContain("__proto__");
  });

  test("a JSON value holding __proto__ is stored as written, key included", async () => {
    const b = MemoryBackend.from({
      "cfg.json": JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}'),
    });
    untouched();
    const text = await readText(b, "cfg.json");
    expect(text).toContain('"__proto__"');
    expect(JSON.parse(text)).toEqual(JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}'));
  });

  test("an empty directory named __proto__ survives toJSON as a null entry", () => {
    const b = MemoryBackend.from(JSON.parse('{"__proto__": null}'));
    expect(b.statSync("__proto__").isDir).toBe(true);
    expect(own(b.toJSON(), "__proto__")).toBeNull();
    untouched();
  });

  test("faults and the journal treat __proto__ as an ordinary path", async () => {
    const b = MemoryBackend.from(JSON.parse('{"__proto__": "p", "constructor": "c"}'));
    b.inject({ op: "newReader", path: "__proto__" });
    await expect(readText(b, "__proto__")).rejects.toMatchObject({ code: "EACCES" });
    expect(await readText(b, "constructor")).toBe("c");
    expect(b.journal.map((e) => [e.op, e.path, e.outcome])).toContainEqual([
      "newReader",
      "__proto__",
      "error",
    ]);
    untouched();
  });
});
