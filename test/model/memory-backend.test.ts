import { describe, expect, test } from "vitest";
import { verifyBackend } from "../../fixtures/fast-check/index.js";
import { MemoryBackend } from "../../src/memory/index.js";

describe("MemoryBackend against the reference model", () => {
  test("300 random call sequences agree with the model on every result, error code and final tree", async () => {
    const report = await verifyBackend(() => new MemoryBackend(), { numRuns: 300 });
    expect(report.numRuns).toBe(300);
  }, 60_000);
});
