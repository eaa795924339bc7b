// Runs benchmark tasks with tinybench in interleaved rounds and reduces them to medians.
//
// Why rounds: this machine is shared, so load drifts over seconds. Running every contender a
// little in each round (in a rotating order) spreads that drift over all of them, which keeps
// the ratios between contenders honest even when the absolute numbers wander.
import { Bench } from "tinybench";

/**
 * @typedef {object} Task
 * @property {string} name - contender name, unique within one `measure` call
 * @property {number} batch - operations done by one call of `fn` (the result is per operation)
 * @property {() => unknown} fn - one measured batch (sync or async)
 * @property {() => unknown} [beforeEach] - untimed preparation before every batch
 * @property {() => unknown} [afterEach] - untimed cleanup after every batch
 */

/**
 * @typedef {object} Measured
 * @property {number} opsPerSec - operations per second at the median batch time
 * @property {number} nsPerOp - median nanoseconds per operation
 * @property {number} samples - batches measured (warm-up excluded)
 */

/**
 * Measures each task over `rounds` short tinybench runs and returns the median of all batches.
 * @param {Task[]} tasks - the contenders of one workload metric
 * @param {{ rounds?: number, time?: number, iterations?: number, warmup?: number }} [options] -
 *   `time` is each task's budget per round in ms; `iterations` the minimum batches per round;
 *   `warmup` the unmeasured batches before the first round
 * @returns {Promise<Map<string, Measured>>} per task name
 */
export async function measure(tasks, options = {}) {
  const rounds = options.rounds ?? 3;
  /** @type {Map<string, number[]>} */
  const samples = new Map(tasks.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time: options.time ?? 250,
      iterations: options.iterations ?? 3,
      // Later rounds run on warm code: only the first one warms up.
      warmup: round === 0,
      warmupTime: 0,
      warmupIterations: options.warmup ?? 2,
      retainSamples: true,
      throws: true,
    });
    const order = tasks.map((_, i) => tasks[(i + round) % tasks.length]);
    for (const task of order) {
      bench.add(task.name, task.fn, {
        async: true,
        beforeEach: task.beforeEach,
        afterEach: task.afterEach,
      });
    }
    await bench.run();
    for (const t of bench.tasks) {
      const result = t.result;
      if (result.state !== "completed") {
        throw new Error(`${t.name}: ${result.state} ${result.error?.stack ?? ""}`);
      }
      const kept = samples.get(t.name);
      // A loop, not push(...samples): a very fast task can leave more samples than the stack takes.
      for (const sample of result.latency.samples ?? []) kept?.push(sample);
    }
  }
  /** @type {Map<string, Measured>} */
  const out = new Map();
  for (const task of tasks) {
    const ms = median(samples.get(task.name) ?? []);
    out.set(task.name, {
      opsPerSec: (task.batch * 1000) / ms,
      nsPerOp: (ms * 1e6) / task.batch,
      samples: samples.get(task.name)?.length ?? 0,
    });
  }
  return out;
}

/**
 * The median of some numbers.
 * @param {number[]} values - at least one
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >>> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * How many operations make a batch of about `targetMs`, from one timed call of `once` (after
 * one untimed call), between 1 and `max`: slow contenders get small batches, so a round does
 * not take seconds, and fast ones large batches, so the timer's resolution does not matter.
 * @param {() => unknown} once - one operation
 * @param {number} targetMs
 * @param {number} max
 */
export async function batchFor(once, targetMs, max) {
  await once();
  const t0 = performance.now();
  await once();
  const ms = Math.max(performance.now() - t0, 1e-3);
  return Math.max(1, Math.min(max, Math.floor(targetMs / ms)));
}
