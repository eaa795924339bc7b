import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isStorageError, type StorageErrorCode } from "../../src/core/errors.js";
import { readFile } from "../../src/core/helpers.js";
import type { FaultOp, FaultSpec } from "../../src/memory/faults.js";
import { MemoryBackend } from "../../src/memory/index.js";
import { LaneModel, prng } from "./lane-model.js";

const SEED = 20_240_601;
const LANES = 100;
const OPS_PER_LANE = 1000;

/** The error our own injected faults throw (besides the default PermissionDeniedError). */
class InjectedFault extends Error {
  override name = "InjectedFault";
}

/** The reason every abort in this test uses, so a rejection can be traced to it. */
const ABORT = new Error("stress abort");

type Outcome = "ok" | "fault" | "abort" | StorageErrorCode;

/** What a rejection was: one of ours (fault, abort) or a storage error the model must predict. */
function classify(err: unknown): Outcome {
  if (err === ABORT) return "abort";
  if (err instanceof InjectedFault || isStorageError(err, "EACCES")) return "fault";
  if (isStorageError(err)) return err.code;
  throw err;
}

const settle = (promise: Promise<unknown>): Promise<Outcome> =>
  attempt(promise).then((r) => (r.ok ? "ok" : r.outcome));

/**
 * A plain assertion for the hot loop (a runner's `expect` costs more than the operation it
 * checks); the message says what differed.
 */
function check(ok: boolean, what: () => string): void {
  if (!ok) throw new Error(`stress (seed ${SEED}): ${what()}`);
}

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a !== undefined && b !== undefined && Buffer.from(a).equals(b);

/** A call's value, or what its rejection was. */
const attempt = <T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; outcome: Outcome }> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (err: unknown) => ({ ok: false as const, outcome: classify(err) }),
  );

const concat = (chunks: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

interface Tally {
  ops: number;
  ok: number;
  faults: number;
  aborts: number;
  writesCommitted: number;
  injected: number;
}

const FAULT_OPS: readonly FaultOp[] = [
  "newWriter",
  "newReader",
  "write",
  "close",
  "read",
  "delete",
  "copy",
  "move",
  "mkdir",
  "rmdir",
  "exists",
  "stat",
  "list",
  "hash",
];

/** A random, always self-limiting fault somewhere in the lanes. */
function randomFault(rand: () => number): FaultSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const lane = `lane${Math.floor(rand() * LANES)}`;
  const path = pick([`${lane}/**`, new RegExp(`^${lane}/d/`), `${lane}/f0`, undefined]);
  const times = 1 + Math.floor(rand() * 4);
  const op = rand() < 0.1 ? ("*" as const) : pick(FAULT_OPS);
  const kind = rand();
  if (kind < 0.3) return { op, path, times, delayMs: 1 };
  if (kind < 0.6) return { op, path, times, error: new InjectedFault(`${op} refused`) };
  return { op, path, times, after: Math.floor(rand() * 3) };
}

/**
 * One lane: a loop of random operations on the lane's own paths, each awaited in turn (so the
 * lane's model is exact), while every other lane runs at the same time. Every outcome is
 * checked against the model: a success must be what the model predicts, a failure must be an
 * injected fault, one of our aborts, or the storage error the model predicts.
 */
async function runLane(
  b: MemoryBackend,
  model: LaneModel,
  rand: () => number,
  tally: Tally,
): Promise<void> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const bytes = (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
    return out;
  };
  const paths = model.paths();
  for (let i = 0; i < OPS_PER_LANE; i++) {
    tally.ops++;
    if (rand() < 0.002) {
      b.inject(randomFault(rand));
      tally.injected++;
    }
    // Signals only where an abort is planned: making one per call costs more than the call.
    const abortRoll = rand();
    let signal: AbortSignal | undefined;
    if (abortRoll < 0.03) signal = AbortSignal.abort(ABORT);
    else if (abortRoll < 0.08) {
      const controller = new AbortController();
      queueMicrotask(() => controller.abort(ABORT));
      signal = controller.signal;
    }
    const path = pick(paths);
    const roll = rand();
    let outcome: Outcome;
    let expected: Outcome = "ok";

    if (roll < 0.3) {
      const chunks = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
        bytes(Math.floor(rand() * 48)),
      );
      const abandon = rand() < 0.05;
      outcome = await settle(
        b.newWriter(path, { signal }).then(async (w) => {
          // Unawaited on purpose: a failed chunk must surface at close, never unhandled.
          for (const chunk of chunks) void w.write(chunk);
          if (abandon) {
            await w.abort();
            throw ABORT;
          }
          await w.close();
        }),
      );
      // A signal aborting after newWriter aborts the writer; close then says it is closed.
      if (outcome === "ERR_WRITER_CLOSED" && signal?.aborted) outcome = "abort";
      if (outcome === "ok") {
        model.write(path, concat(chunks));
        tally.writesCommitted++;
      }
    } else if (roll < 0.45) {
      const read = await attempt(readFile(b, path, { signal }));
      const want = model.files.get(path);
      if (read.ok) check(same(read.value, want), () => `read ${path}: content differs`);
      outcome = read.ok ? "ok" : read.outcome;
      expected = want ? "ok" : "ENOENT";
    } else if (roll < 0.53) {
      outcome = await settle(b.delete(path, { signal }));
      if (outcome === "ok") model.delete(path);
    } else if (roll < 0.61) {
      const probe = rand() < 0.3 ? model.dir : path;
      const found = await attempt(b.exists(probe, { signal }));
      if (found.ok) check(found.value === model.exists(probe), () => `exists ${probe}`);
      outcome = found.ok ? "ok" : found.outcome;
    } else if (roll < 0.66) {
      const info = await attempt(b.stat(path, { signal }));
      const want = model.files.get(path);
      if (info.ok) check(info.value.size === want?.length, () => `stat ${path}: size`);
      outcome = info.ok ? "ok" : info.outcome;
      expected = want ? "ok" : "ENOENT";
    } else if (roll < 0.71) {
      const listed = await attempt(b.list(`${model.lane}/`, { signal }));
      if (listed.ok) {
        const want = model.list();
        check(listed.value.join("\n") === want.join("\n"), () => `list ${model.lane}/`);
      }
      outcome = listed.ok ? "ok" : listed.outcome;
    } else if (roll < 0.87) {
      const op = rand() < 0.5 ? "copy" : "move";
      const dst = pick(paths);
      outcome = await settle(b[op](path, dst, { signal }));
      if (outcome === "ok") check(model.transfer(op, path, dst), () => `${op} ${path}: no source`);
      else expected = model.files.has(path) ? "ok" : "ENOENT";
    } else if (roll < 0.91) {
      outcome = await settle(b.mkdir(model.dir, { signal }));
      if (outcome === "ok") model.mkdir();
    } else if (roll < 0.96) {
      const recursive = rand() < 0.6;
      const empty = !model.list().some((p) => p.startsWith(`${model.dir}/`));
      outcome = await settle(b.rmdir(model.dir, { signal, recursive }));
      expected = !model.dirExists ? "ENOENT" : recursive || empty ? "ok" : "ENOTEMPTY";
      if (outcome === "ok") check(model.rmdir(), () => `rmdir ${model.dir}: no directory`);
    } else {
      const digest = await attempt(b.hash(path, "sha1", { signal }));
      const want = model.files.get(path);
      if (digest.ok) {
        const hex = want && createHash("sha1").update(want).digest("hex");
        check(digest.value === hex, () => `hash ${path}`);
      }
      outcome = digest.ok ? "ok" : digest.outcome;
      expected = want ? "ok" : "ENOENT";
    }

    if (outcome === "fault") tally.faults++;
    else if (outcome === "abort") tally.aborts++;
    else {
      check(
        outcome === expected,
        () => `op ${i} of ${model.lane} on ${path}: ${outcome}, not ${expected}`,
      );
      if (outcome === "ok") tally.ok++;
    }
  }
}

describe("stress: interleaved operations against a reference model", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
  });

  test("unawaited writes that fail (quota, fault, closed backend) surface at close() and never as unhandled rejections", async () => {
    const causes: [string, (b: MemoryBackend) => void][] = [
      ["quota", () => {}],
      ["fault", (b) => b.inject({ op: "write", after: 1, error: new InjectedFault("no") })],
      ["closed backend", (b) => void b.close()],
    ];
    for (const [label, cause] of causes) {
      const b = new MemoryBackend({ quota: 8 });
      const w = await b.newWriter("out.bin");
      void w.write("1234");
      cause(b);
      void w.write("5678");
      void w.write("9");
      const err = await w.close().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, label).toBeInstanceOf(Error);
      expect(b.closed || !b.existsSync("out.bin"), label).toBe(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });

  test(`${LANES * OPS_PER_LANE} seeded operations in ${LANES} concurrent lanes, with random aborts and injected faults, lose nothing`, async () => {
    const b = new MemoryBackend();
    const models = Array.from({ length: LANES }, (_, k) => new LaneModel(`lane${k}`));
    const tally: Tally = { ops: 0, ok: 0, faults: 0, aborts: 0, writesCommitted: 0, injected: 0 };
    const master = prng(SEED);
    const seeds = models.map(() => Math.floor(master() * 2 ** 32));

    await Promise.all(models.map((m, k) => runLane(b, m, prng(seeds[k] as number), tally)));
    b.clearFaults();
    // Let any stray rejection be reported before looking.
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(tally.ops).toBe(LANES * OPS_PER_LANE);
    expect(unhandled).toEqual([]);
    expect(b.openHandles()).toEqual([]);

    // The final state is exactly the union of the lanes' models.
    const expected = new Map<string, Uint8Array>();
    for (const m of models) for (const [p, bytes] of m.files) expected.set(p, bytes);
    expect(b.listSync("")).toEqual([...expected.keys()].sort());
    for (const [p, bytes] of expected) expect([...b.readSync(p)], p).toEqual([...bytes]);
    for (const m of models) expect(b.existsSync(m.dir), m.dir).toBe(m.dirExists);
    expect(b.size()).toBe([...expected.values()].reduce((n, v) => n + v.length, 0));

    // The journal saw every committed write, and nothing else as one.
    const committed = b.journal.filter((e) => e.op === "write" && e.outcome === "ok");
    expect(committed).toHaveLength(tally.writesCommitted);

    // The run exercised what it claims to.
    expect(tally.injected).toBeGreaterThan(50);
    expect(tally.faults).toBeGreaterThan(100);
    expect(tally.aborts).toBeGreaterThan(1000);
    expect(tally.ok).toBeGreaterThan(LANES * OPS_PER_LANE * 0.5);
  }, 60_000);
});
