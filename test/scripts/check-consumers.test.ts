// The consumer check runs the README's marked blocks verbatim; these tests pin that a README
// without them fails the check up front (before anything is packed), naming the block.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

const script = fileURLToPath(new URL("../../scripts/check-consumers.mjs", import.meta.url));
const block = (name: string, marker = `<!-- file: ${name} -->\n`) =>
  `${marker}\`\`\`ts\n// ${name}\n\`\`\`\n\n`;
const ALL = ["vitest.config.ts", "example.test.ts", "jest.config.cjs", "example.jest.test.ts"];

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "omnistorage-readme-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the check on a README made of `markdown`; resolves with its exit code and stderr. */
async function check(markdown: string): Promise<{ code: number; stderr: string }> {
  const readme = join(dir, "README.md");
  await writeFile(readme, markdown);
  return new Promise((resolve) => {
    execFile(process.execPath, [script, "--readme", readme], (err, _stdout, stderr) => {
      resolve({ code: typeof err?.code === "number" ? err.code : err ? 1 : 0, stderr });
    });
  });
}

describe("the consumer check reads the README's marked blocks", () => {
  test.each(ALL)("fails naming the block when the %s marker is missing", async (missing) => {
    const { code, stderr } = await check(
      ALL.filter((n) => n !== missing)
        .map((n) => block(n))
        .join(""),
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain(`no code block marked <!-- file: ${missing} -->`);
  });

  test("a marker separated from its fence by a blank line does not count", async () => {
    const markdown = ALL.map((n) =>
      block(n, n === "jest.config.cjs" ? `<!-- file: ${n} -->\n\n` : undefined),
    ).join("");
    const { code, stderr } = await check(markdown);
    expect(code).not.toBe(0);
    expect(stderr).toContain("<!-- file: jest.config.cjs -->");
  });

  test("fails when two blocks carry the same marker", async () => {
    const { code, stderr } = await check(
      ALL.map((n) => block(n)).join("") + block("example.test.ts"),
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain("two blocks are marked <!-- file: example.test.ts -->");
  });
});
