// The memory backend's operations that do more than one step, as functions over its shared
// state: check closed and the arguments, apply faults, do the work, journal the outcome.

import { checkHashAlgorithm } from "../core/hash-algorithms.js";
import { nodeBuiltin } from "../core/node-builtins.js";
import { checkRange, checkWriterOptions } from "../core/options.js";
import { normalizePath, normalizePrefix } from "../core/paths.js";
import type { HashAlgorithm, Reader, ReaderOptions, Writer, WriterOptions } from "../core/types.js";
import { chunksOf } from "./entries.js";
import type { HandleHost } from "./handle-host.js";
import type { MemoryCore } from "./memory-core.js";

/** `newWriter`: a writer for a path where a file can be created. */
export async function openWriter(
  core: MemoryCore,
  handles: HandleHost,
  path: string,
  options: WriterOptions,
): Promise<Writer> {
  let p = path;
  try {
    p = core.gate.enter("newWriter", path, options.signal);
    const wait = core.fault("newWriter", p, undefined, options.signal);
    if (wait) await wait;
    core.store.checkFileTarget("newWriter", p);
    const writer = handles.openWriter(p, checkWriterOptions(p, options));
    core.journal.ok("newWriter", p);
    return writer;
  } catch (err) {
    core.journal.error("newWriter", p, err);
    throw err;
  }
}

/** `newReader`: a reader of a file as it is now. */
export async function openReader(
  core: MemoryCore,
  handles: HandleHost,
  path: string,
  options: ReaderOptions,
): Promise<Reader> {
  let p = path;
  try {
    p = core.gate.enter("newReader", path, options.signal);
    const { offset, limit } = checkRange(p, options.offset, options.limit);
    const wait = core.fault("newReader", p, undefined, options.signal);
    if (wait) await wait;
    const entry = core.file("newReader", p);
    const reader = handles.openReader(p, entry, { offset, limit, signal: options.signal });
    core.journal.ok("newReader", p, Math.max(0, Math.min(limit, entry.size - offset)));
    return reader;
  } catch (err) {
    core.journal.error("newReader", p, err);
    throw err;
  }
}

/** `list`: the files under a plain string prefix. */
export async function listFiles(
  core: MemoryCore,
  prefix: string | undefined,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  let p = prefix ?? "";
  try {
    core.gate.check("list", p, signal);
    p = normalizePrefix(prefix);
    const wait = core.fault("list", p, undefined, signal);
    if (wait) await wait;
    const files = core.store.list(p);
    core.journal.ok("list", p);
    return files;
  } catch (err) {
    core.journal.error("list", p, err);
    throw err;
  }
}

/** `hash`: a file's digest in lower-case hex. */
export function hashFile(
  core: MemoryCore,
  path: string,
  algorithm: HashAlgorithm,
  signal: AbortSignal | undefined,
): Promise<string> {
  const work = (p: string): string => {
    const hasher = nodeBuiltin("node:crypto").createHash(algorithm);
    for (const chunk of chunksOf(core.file("hash", p))) hasher.update(chunk);
    return hasher.digest("hex");
  };
  return core.run("hash", path, signal, work, (p) => checkHashAlgorithm(p, algorithm));
}

/** `copy` and `move`: a file or a whole directory to an exact new path. */
export async function transfer(
  core: MemoryCore,
  op: "copy" | "move",
  src: string,
  dst: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  let s = src;
  let d: string | undefined;
  try {
    core.gate.check(op, src, signal);
    s = normalizePath(op, src);
    d = normalizePath(op, dst);
    const wait = core.fault(op, s, d, signal);
    if (wait) await wait;
    commitTransfer(core, op, s, d);
  } catch (err) {
    journalTransferError(core, op, s, d, dst, err);
    throw err;
  }
}

/** The change `copy`/`move` make once checked: the subtree moved or copied (within the quota), journaled. */
export function commitTransfer(core: MemoryCore, op: "copy" | "move", s: string, d: string): void {
  const now = core.now();
  if (op === "copy") core.withinQuota(op, d, () => core.store.transfer(op, s, d, now));
  else core.store.transfer(op, s, d, now);
  core.journal.ok(op, s, undefined, d);
}

/** Journals a failed `copy`/`move`, naming the destination as normalised, or as given. */
export function journalTransferError(
  core: MemoryCore,
  op: "copy" | "move",
  s: string,
  d: string | undefined,
  dst: unknown,
  err: unknown,
): void {
  core.journal.error(op, s, err, undefined, d ?? (typeof dst === "string" ? dst : undefined));
}
