import type { BackendCommand } from "../../fixtures/fast-check/commands/backend-command.js";
import { ModelRun, RealRun } from "../../fixtures/fast-check/commands/run-state.js";
import { ancestors } from "../../fixtures/fast-check/model/model-path.js";
import type { StorageModel } from "../../fixtures/fast-check/model/storage-model.js";
import {
  describeOutcome,
  type InfoValue,
  infoValue,
  type Outcome,
  outcomeOf,
  sameOutcome,
  settle,
} from "../../fixtures/fast-check/outcome.js";
import { contentTypeOf } from "../../src/core/content-type.js";
import { readAll } from "../../src/core/helpers.js";
import type { ExtendedBackend } from "../../src/core/types.js";

/** One call made on both backends. */
export interface DifferentialStep {
  readonly call: string;
  readonly memory: string;
  readonly file: string;
  readonly agrees: boolean;
}

/**
 * What must differ between the two is left out of comparisons: modification times always (the
 * disk's resolution, and "now" is not the same instant on both), and the contentType of a file
 * that a move or copy gave another extension (MemoryBackend keeps the type inferred where it
 * was written, as copy and move keep contentType; FileBackend infers it from the current name).
 */
function comparable(outcome: Outcome, model: StorageModel): Outcome {
  if (!outcome.ok || typeof outcome.value !== "object" || !("kind" in (outcome.value as object))) {
    return outcome;
  }
  const info = outcome.value as InfoValue;
  const origin = model.files.get(info.path)?.origin;
  const renamed = origin !== undefined && contentTypeOf(origin) !== contentTypeOf(info.path);
  return {
    ok: true,
    value: { ...info, modTime: undefined, contentType: renamed ? undefined : info.contentType },
  };
}

/**
 * Plays the same calls on two backends, comparing each outcome (values, error codes). A model
 * runs alongside to settle the calls' "n-th existing path" picks identically for both, and to
 * know where each file was first written.
 * @param commands - the calls
 * @param memory - one backend
 * @param file - the other
 * @returns each call with both outcomes (stopping at the first disagreement), the paths named,
 *   and the model afterwards
 */
export async function playOnBoth(
  commands: readonly BackendCommand[],
  memory: ExtendedBackend,
  file: ExtendedBackend,
): Promise<{ steps: DifferentialStep[]; touched: Set<string>; model: StorageModel }> {
  const picks = new ModelRun({ customMetadata: false });
  const left = new RealRun(memory);
  const right = new RealRun(file);
  const steps: DifferentialStep[] = [];
  for (const command of commands) {
    if (!command.check(picks)) continue;
    command.resolve(picks);
    for (const path of command.paths()) left.touch(path);
    const a = comparable(await settle(() => command.real(left)), picks.model);
    const b = comparable(await settle(() => command.real(right)), picks.model);
    outcomeOf(() => command.model(picks));
    const agrees = sameOutcome(a, b) && sameOutcome(b, a);
    steps.push({
      call: command.toString(),
      memory: describeOutcome(a),
      file: describeOutcome(b),
      agrees,
    });
    if (!agrees) break;
  }
  return { steps, touched: left.touched, model: picks.model };
}

/** Everything observable about a backend's tree, modification times left out. */
export interface TreeSnapshot {
  readonly list: string[];
  readonly files: Record<string, { bytes: string; stat: Outcome }>;
  readonly exists: Record<string, boolean | string>;
}

/**
 * Reads a backend's whole observable tree: `list()`, each file's bytes and stat, and `exists`
 * (plus `stat().isDir`) at every named path, its parents and each of their children by the
 * segments used.
 * @param backend - the backend
 * @param touched - the normalised paths the calls named
 * @param model - the model after the calls (where each file was first written)
 */
export async function snapshotTree(
  backend: ExtendedBackend,
  touched: Iterable<string>,
  model: StorageModel,
): Promise<TreeSnapshot> {
  const list = await backend.list();
  const files: TreeSnapshot["files"] = {};
  for (const path of list) {
    const bytes = Buffer.from(await readAll(await backend.newReader(path))).toString("hex");
    const stat = comparable(await settle(async () => infoValue(await backend.stat(path))), model);
    // defineProperty, so a file named `__proto__` is an ordinary key.
    Object.defineProperty(files, path, { value: { bytes, stat }, enumerable: true });
  }
  const probes = new Set<string>();
  const segments = new Set<string>();
  for (const path of touched) {
    probes.add(path);
    for (const dir of ancestors(path)) probes.add(dir);
    for (const segment of path.split("/")) segments.add(segment);
  }
  for (const dir of [...probes]) for (const segment of segments) probes.add(`${dir}/${segment}`);
  for (const segment of segments) probes.add(segment);
  const exists: TreeSnapshot["exists"] = {};
  for (const path of [...probes].sort()) {
    const there = await settle(() => backend.exists(path));
    const isDir = there.ok && there.value ? (await backend.stat(path)).isDir : false;
    const value = there.ok ? (isDir ? "dir" : (there.value as boolean)) : `rejects ${there.error}`;
    Object.defineProperty(exists, path, { value, enumerable: true });
  }
  return { list, files, exists };
}

/**
 * The steps as a numbered script, for failure messages.
 * @param steps - from {@link playOnBoth}
 */
export function script(steps: readonly DifferentialStep[]): string {
  return steps
    .map((s, i) =>
      s.agrees
        ? `   ${i + 1}. ${s.call} → ${s.memory}`
        : `✗  ${i + 1}. ${s.call} → memory: ${s.memory}, file: ${s.file}`,
    )
    .join("\n");
}
