import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { verifyBackend } from "../../fixtures/fast-check/index.js";
import { FileBackend } from "../../src/file/index.js";

describe("FileBackend against the reference model", () => {
  test("random call sequences agree with the model on every result, error code and final tree", async () => {
    const report = await verifyBackend(
      async () => {
        const root = await mkdtemp(join(tmpdir(), "omnistorage-model-"));
        return {
          backend: new FileBackend({ root }),
          cleanup: () => rm(root, { recursive: true, force: true }),
        };
      },
      { numRuns: 200 },
    );
    expect(report.numRuns).toBe(200);
  }, 120_000);
});
