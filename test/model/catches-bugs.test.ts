import { describe, expect, test } from "vitest";
import { VerifyBackendError, verifyBackend } from "../../fixtures/fast-check/index.js";
import { LeakyDirectoryMoveBackend, UnsortedListBackend } from "./broken-backends.js";

async function failureOf(run: Promise<unknown>): Promise<VerifyBackendError> {
  const error = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(VerifyBackendError);
  return error as VerifyBackendError;
}

describe("verifyBackend catches broken backends", () => {
  test("a list() that forgets to sort is reported with a short, readable script of calls", async () => {
    const error = await failureOf(verifyBackend(() => new UnsortedListBackend(), { numRuns: 200 }));
    expect(error.message).toContain(
      "verifyBackend: the backend does not behave like the reference model",
    );
    // Either the list call itself or the final check of the whole tree shows the wrong order.
    expect(error.message).toContain("list(");
    expect(error.message).toContain("the model expects [");
    expect(error.message).toContain("Replay: verifyBackend(factory, {");
    // Shrunk to the calls that make two files (two writes, or a write and a copy: which one
    // depends on the random seed), and little else.
    const creating = error.calls.filter((call) => /^(write|copy)\(/.test(call));
    expect(creating.length).toBeGreaterThanOrEqual(1);
    expect(creating.length).toBeLessThanOrEqual(2);
    expect(error.calls.length).toBeLessThanOrEqual(4);
  }, 30_000);

  test("a directory move that leaves its source is reported, and replays from its seed and path", async () => {
    const error = await failureOf(
      verifyBackend(() => new LeakyDirectoryMoveBackend(), { numRuns: 300 }),
    );
    expect(error.calls.some((call) => call.startsWith("move("))).toBe(true);
    expect(error.message).toMatch(/exists\(|list\(|stat\(|read\(/);
    const replay = await failureOf(
      verifyBackend(() => new LeakyDirectoryMoveBackend(), {
        seed: error.seed,
        path: error.counterexamplePath,
        replayPath: error.replayPath,
      }),
    );
    expect(replay.calls).toEqual(error.calls);
  }, 30_000);
});
