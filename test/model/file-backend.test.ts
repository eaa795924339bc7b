import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { type BackendFactory, verifyBackend } from "../../fixtures/fast-check/index.js";
import { FileBackend } from "../../src/file/index.js";

const roots = new Set<string>();

/** A FileBackend in a fresh temp dir per run, removed after the harness closes it. */
const freshFileBackend: BackendFactory = async () => {
  const root = await mkdtemp(join(tmpdir(), "omnistorage-verify-"));
  roots.add(root);
  return {
    backend: new FileBackend({ root }),
    cleanup: async () => {
      await rm(root, { recursive: true, force: true });
      roots.delete(root);
    },
  };
};

describe("FileBackend against the reference model", () => {
  test("300 random call sequences agree with the model on every result, error code and final tree", async () => {
    const report = await verifyBackend(freshFileBackend, { numRuns: 300 });
    expect(report.numRuns).toBe(300);
    // Every run's temp dir was handed to cleanup and removed.
    expect([...roots]).toEqual([]);
  }, 60_000);
});
