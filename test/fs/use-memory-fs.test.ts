import { describe, expect, test, vi } from "vitest";
import { useMemoryFs } from "../../fixtures/vitest.js";
import { memoryFsModule } from "../../src/fs/index.js";
import { saveReport } from "./helpers/save-report.js";

vi.mock("node:fs/promises", () =>
  import("../../src/fs/index.js").then((m) => m.memoryFsModule("node:fs/promises")),
);

describe("useMemoryFs", () => {
  const fs = useMemoryFs({ seed: { "in/seed.txt": "seeded" } });

  test("the mocked node:fs/promises reaches this test's backend", async () => {
    expect(await saveReport("q1", ["a", "b"])).toBe("a\nb");
    expect(fs.backend).toHaveFile("reports/q1.csv", "a\nb");
    expect(fs.readFileSync("/in/seed.txt", "utf8")).toBe("seeded");
  });

  test("each test starts from the seed again", () => {
    expect(fs.existsSync("/reports")).toBe(false);
    expect(fs.readdirSync("/")).toEqual(["in"]);
  });

  test("snapshots show what the code wrote", async () => {
    await saveReport("q2", ["x"]);
    expect(fs.backend).toMatchInlineSnapshot(`
      MemoryBackend {
        "in/seed.txt": "seeded",
        "reports/q2.csv": "x",
      }
    `);
  });
});

describe("useMemoryFs with cwd", () => {
  const fs = useMemoryFs({ cwd: "/app" });

  test("relative paths resolve against cwd", () => {
    fs.mkdirSync("/app");
    fs.writeFileSync("config.json", "{}");
    expect(fs.backend).toHaveFile("app/config.json", "{}");
  });
});

test("memoryFsModule with no active useMemoryFs says what to do", async () => {
  const { setMemoryFsBackend } = await import("../../src/fs/index.js");
  setMemoryFsBackend(undefined);
  const mod = memoryFsModule("node:fs") as { readFileSync: (p: string) => unknown };
  expect(() => mod.readFileSync("/a")).toThrow(/no useMemoryFs\(\) is active/);
});
