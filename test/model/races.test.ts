import { describe, expect, test } from "vitest";
import {
  VerifyBackendError,
  verifyBackend,
  verifyBackendRaces,
} from "../../fixtures/fast-check/index.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { DeleteThenWriteBackend, NonAtomicMoveBackend } from "./broken-backends.js";

async function failureOf(run: Promise<unknown>): Promise<VerifyBackendError> {
  const error = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(VerifyBackendError);
  return error as VerifyBackendError;
}

describe("verifyBackendRaces: interleavings explored with fc.scheduler()", () => {
  test("no interleaving of MemoryBackend's writers, readers, moves and rmdirs breaks the serial-order promise", async () => {
    const report = await verifyBackendRaces(() => new MemoryBackend(), { numRuns: 300 });
    expect(report.numRuns).toBe(300);
  }, 30_000);

  test("a move that copies, yields, then removes the source is caught, with the race printed", async () => {
    const error = await failureOf(
      verifyBackendRaces(() => new NonAtomicMoveBackend(), { numRuns: 800 }),
    );
    expect(error.message).toContain(
      "verifyBackendRaces: concurrent calls gave results that no serial order",
    );
    expect(error.message).toContain("Started together:");
    expect(error.message).toContain("What happened ([call-return] in logical time):");
    expect(error.message).toMatch(
      /Replay: verifyBackendRaces\(factory, \{"seed":-?\d+,"path":"[\d:]+"\}\)/,
    );
    expect(error.calls.some((call) => call.startsWith("move("))).toBe(true);
  }, 30_000);

  test("a commit that deletes the old file, yields, then stores the new one is caught", async () => {
    const error = await failureOf(
      verifyBackendRaces(() => new DeleteThenWriteBackend(), { numRuns: 800 }),
    );
    expect(error.calls.some((call) => call.startsWith("write("))).toBe(true);
    expect(error.message).toMatch(/No serial order|must reject/);
  }, 30_000);

  test("the racy backends pass the one-call-at-a-time verifyBackend; races: true is what catches them", async () => {
    await expect(
      verifyBackend(() => new NonAtomicMoveBackend(), { numRuns: 100 }),
    ).resolves.toMatchObject({
      numRuns: 100,
    });
    const error = await failureOf(
      verifyBackend(() => new NonAtomicMoveBackend(), { numRuns: 50, races: { numRuns: 800 } }),
    );
    expect(error.message).toContain("verifyBackendRaces:");
  }, 30_000);
});
