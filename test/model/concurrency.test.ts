import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { bytesOf } from "../../fixtures/fast-check/bytes.js";
import { storageTree } from "../../fixtures/fast-check/index.js";
import { StorageModel } from "../../fixtures/fast-check/model/storage-model.js";
import { explainHistory } from "../../fixtures/fast-check/races/explain-history.js";
import { probePaths, readFinalState } from "../../fixtures/fast-check/races/final-state.js";
import { describeRace } from "../../fixtures/fast-check/races/race-report.js";
import { type RaceTask, taskPaths } from "../../fixtures/fast-check/races/race-task.js";
import { racePath, storageRaceTasks } from "../../fixtures/fast-check/races/race-tasks.js";
import { type Gate, type RaceHistory, runRace } from "../../fixtures/fast-check/races/run-race.js";
import { modelTree, writeTree } from "../../fixtures/fast-check/seed-tree.js";
import type { ExtendedBackend } from "../../src/core/types.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { WriteThroughBackend } from "./broken-backends.js";

/*
 * How the serial order is defined (see explainHistory): every task takes effect atomically at
 * one point inside the window of its effect call — a write at its close() (or at newWriter when
 * that already failed), a read at newReader (its bytes must be the whole file as of then), any
 * other task at its only call. Windows are logical times: a counter bumped when a call is made
 * and when it returns. The run is accepted when some order of the tasks that respects those
 * windows (a task whose call returned before another's was made comes first) reproduces, on
 * the reference model, every task's result (value or error code) and then the final tree
 * (files, bytes, and exists() at every path involved). Writers aborted by their signal take no
 * part and must leave no trace. For MemoryBackend each operation is synchronous inside its
 * call, so the point is simply when the call was made; writers commit at close.
 *
 * Unlike verifyBackendRaces (fc.scheduler), nothing here is scheduled: every task is started at
 * once and between its calls yields a random number of microtasks or a macrotask, which gives
 * real interleavings of open writers, readers opened before overwrites, and aborts.
 */

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

function yieldingGate(delays: readonly number[]): Gate {
  let i = 0;
  return async () => {
    const delay = delays[i++ % delays.length] ?? 0;
    if (delay === 4) await macrotask();
    else for (let k = 0; k < delay; k++) await Promise.resolve();
  };
}

/** Every whole content any file could hold: the seed's and each writer's. */
function wholeContents(
  tree: Readonly<Record<string, Uint8Array | null>>,
  tasks: readonly RaceTask[],
) {
  const out: Uint8Array[] = [];
  for (const content of Object.values(tree)) if (content) out.push(content);
  for (const task of tasks) if (task.kind === "write") out.push(bytesOf(task.chunks));
  return out;
}

function partialReads(history: RaceHistory, tasks: readonly RaceTask[], contents: Uint8Array[]) {
  const partial: string[] = [];
  for (const effect of history.effects) {
    const task = tasks[effect.task];
    if (task?.kind !== "read" || !effect.actual.ok) continue;
    const got = Buffer.from(effect.actual.value as Uint8Array);
    const start = task.offset ?? 0;
    const end = task.limit === undefined ? undefined : start + task.limit;
    if (!contents.some((whole) => Buffer.from(whole.slice(start, end)).equals(got))) {
      partial.push(`${effect.label} saw ${JSON.stringify(got.toString())}`);
    }
  }
  return partial;
}

const scenario = fc.record({
  tree: storageTree({ path: racePath(), maxEntries: 4 }),
  tasks: storageRaceTasks({ maxTasks: 7 }),
  delays: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

async function race(make: () => ExtendedBackend, { tree, tasks, delays }: Scenario) {
  const backend = make();
  await writeTree(backend, tree);
  const model = new StorageModel();
  modelTree(model, tree);
  const history = await runRace(backend, tasks, yieldingGate(delays));
  const transfers = tasks.flatMap((t) => (t.kind === "copy" || t.kind === "move" ? [t] : []));
  const final = await readFinalState(
    backend,
    probePaths([...Object.keys(tree), ...tasks.flatMap(taskPaths)], transfers),
  );
  await backend.close();
  const explanation = explainHistory(model, history.effects, final);
  return {
    history,
    explanation,
    partial: partialReads(history, tasks, wholeContents(tree, tasks)),
    report: () => describeRace({ tree, tasks, history, final, explanation }).join("\n"),
  };
}

describe("MemoryBackend under unawaited concurrent operations", () => {
  test("the final state and every result equal some serial order consistent with the commit points, and no reader sees a partial file", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { history, explanation, partial, report } = await race(() => new MemoryBackend(), s);
        expect(history.problems, report()).toEqual([]);
        expect(partial, report()).toEqual([]);
        expect(explanation.ok, report()).toBe(true);
      }),
      { numRuns: 400 },
    );
  }, 30_000);

  test("the same check fails for a backend whose writes are visible chunk by chunk", async () => {
    const details = await fc.check(
      fc.asyncProperty(scenario, async (s) => {
        const { explanation, partial } = await race(() => new WriteThroughBackend(), s);
        return explanation.ok && partial.length === 0;
      }),
      { numRuns: 1000 },
    );
    expect(details.failed).toBe(true);
  }, 30_000);
});
