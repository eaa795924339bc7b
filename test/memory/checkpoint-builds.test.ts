import { beforeAll, describe, expect, test } from "vitest";
import { type Builds, loadBuilds } from "../errors/builds.js";

let builds: Builds;

beforeAll(async () => {
  builds = await loadBuilds();
}, 60_000);

describe("checkpoints cross builds: they are branded like the errors", () => {
  test.each([
    ["cjs", "esm"],
    ["esm", "cjs"],
  ] as const)(
    "a checkpoint taken through the %s build restores through the %s build",
    async (from, to) => {
      const source = builds[from].memory.MemoryBackend.from({ "a.txt": "a", "dir/b.txt": "b" });
      const checkpoint = source.snapshot();
      const target = new builds[to].memory.MemoryBackend();
      target.restore(checkpoint);
      expect(target.toJSON()).toEqual({ "a.txt": "a", "dir/b.txt": "b" });
      // Both sides go on independently: the checkpoint's shared nodes are never changed in place.
      target.load({ "a.txt": "changed", "c.txt": "c" });
      await target.delete("dir/b.txt");
      source.load({ "d.txt": "d" });
      expect(source.toJSON()).toEqual({ "a.txt": "a", "dir/b.txt": "b", "d.txt": "d" });
      target.restore(checkpoint);
      expect(target.toJSON()).toEqual({ "a.txt": "a", "dir/b.txt": "b" });
    },
  );

  test("many trees of both builds never share an owner, so a restored checkpoint stays frozen", () => {
    const esm = builds.esm.memory.MemoryBackend;
    const cjs = builds.cjs.memory.MemoryBackend;
    const checkpoint = cjs.from({ "x.txt": "x" }).snapshot();
    for (let i = 0; i < 50; i++) {
      const b = i % 2 ? new esm() : new cjs();
      b.restore(checkpoint);
      b.load({ [`f${i}.txt`]: "y", "x.txt": `changed ${i}` });
    }
    const check = new esm();
    check.restore(checkpoint);
    expect(check.toJSON()).toEqual({ "x.txt": "x" });
  });

  test("something that is not a checkpoint is still refused", () => {
    const b = new builds.esm.memory.MemoryBackend();
    expect(() => b.restore({ files: 0, bytes: 0 })).toThrow(TypeError);
  });
});
