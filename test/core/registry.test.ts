import { afterEach, describe, expect, test } from "vitest";
import { isAlreadyExists, isUnknownBackend } from "../../src/core/errors.js";
import { backends, isRegistered, open, register, unregister } from "../../src/core/registry.js";
import type { Backend } from "../../src/core/types.js";
import { MemoryBackend } from "../../src/memory/index.js";

const made: string[] = [];
afterEach(() => {
  for (const name of made.splice(0)) unregister(name);
});
const named = (name: string) => {
  made.push(name);
  return name;
};

describe("registry", () => {
  test("importing omnistorage-ts/memory registers the name memory", async () => {
    expect(isRegistered("memory")).toBe(true);
    const backend = await open("memory");
    expect(backend).toBeInstanceOf(MemoryBackend);
    await backend.close();
  });

  test("open passes its config to the factory, which may be async", async () => {
    const name = named("test-async");
    const seen: unknown[] = [];
    register(name, async (config) => {
      seen.push(config);
      return new MemoryBackend();
    });
    const backend = await open(name, { region: "eu" });
    expect(seen).toEqual([{ region: "eu" }]);
    await backend.close();
  });

  test("registering the same factory again is a no-op; a different one throws AlreadyExistsError", () => {
    const name = named("test-dup");
    const factory = (): Backend => new MemoryBackend();
    register(name, factory);
    expect(() => register(name, factory)).not.toThrow();
    let caught: unknown;
    try {
      register(name, () => new MemoryBackend());
    } catch (err) {
      caught = err;
    }
    expect(isAlreadyExists(caught)).toBe(true);
    expect(caught).toMatchObject({ op: "register", path: name });
  });

  test("open of an unknown name rejects with UnknownBackendError naming the registered backends", async () => {
    named("test-listed");
    register("test-listed", () => new MemoryBackend());
    const err = await open("nope").catch((e: unknown) => e);
    expect(isUnknownBackend(err)).toBe(true);
    expect(err).toMatchObject({ code: "ERR_UNKNOWN_BACKEND", op: "open", path: "nope" });
    expect((err as Error).message).toMatch(/"memory"/);
    expect((err as Error).message).toMatch(/"test-listed"/);
  });

  test("backends() is sorted; unregister removes a name and says whether it was there", () => {
    register(named("zz-last"), () => new MemoryBackend());
    register(named("aa-first"), () => new MemoryBackend());
    const names = backends();
    expect(names).toEqual([...names].sort());
    expect(names).toContain("aa-first");
    expect(unregister("aa-first")).toBe(true);
    expect(unregister("aa-first")).toBe(false);
    expect(isRegistered("aa-first")).toBe(false);
  });

  test("register checks its arguments", () => {
    expect(() => register("", () => new MemoryBackend())).toThrow(TypeError);
    expect(() => register("x", "nope" as never)).toThrow(/factory must be a function/);
  });
});
