import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storageOperations } from "../../fixtures/fast-check/arbitraries/commands.js";
import { FileBackend } from "../../src/file/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { playOnBoth, script, snapshotTree } from "./differential-run.js";

/*
 * The calls carry no explicit contentType or metadata (FileBackend stores none and infers the
 * type from the extension; MemoryBackend infers it the same way when none is given).
 * Modification times are never compared (the disk's resolution differs, and "now" is not the
 * same instant on both), nor the contentType of a file moved or copied to another extension
 * (MemoryBackend keeps the type of its first name, FileBackend infers it from the current
 * one). Everything else must be identical: every returned value, every error
 * code, and the final tree (list, bytes, stat, exists and isDir at every path involved).
 */
const probe = new FileBackend({ root: join(tmpdir(), "omnistorage-differential-probe") });
const operations = storageOperations({
  capabilities: { features: probe.features(), snapshots: false },
  maxCommands: 25,
});

describe("MemoryBackend and FileBackend given the same random calls", () => {
  test("agree on every returned value, every error code and the final tree", async () => {
    await probe.close();
    await rm(join(tmpdir(), "omnistorage-differential-probe"), { recursive: true, force: true });
    await fc.assert(
      fc.asyncProperty(operations, async (commands) => {
        const root = await mkdtemp(join(tmpdir(), "omnistorage-differential-"));
        const memory = new MemoryBackend();
        const file = new FileBackend({ root });
        try {
          const { steps, touched, model } = await playOnBoth(commands, memory, file);
          const disagreement = steps.find((step) => !step.agrees);
          expect(disagreement, script(steps)).toBeUndefined();
          const left = await snapshotTree(memory, touched, model);
          const right = await snapshotTree(file, touched, model);
          expect(right, `after:\n${script(steps)}`).toEqual(left);
        } finally {
          await memory.close();
          await file.close();
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
