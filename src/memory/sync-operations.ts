import { NotFoundError } from "../core/errors.js";
import { normalizePath } from "../core/paths.js";
import type { WriterOptions } from "../core/types.js";
import type { FaultOp } from "./faults.js";
import type { JournalOp } from "./journal.js";
import type { MemoryCore } from "./memory-core.js";
import { commitTransfer, journalTransferError } from "./memory-operations.js";

// Synchronous twins of the backend's calls, for the Sync forms of omnistorage-ts/fs. Each checks,
// applies faults and journals exactly as its async twin does; an injected delay cannot be
// waited for synchronously, so it is skipped (its error still applies).

/** One entry of a directory, as {@link childrenSync} gives it. */
export interface MemoryChild {
  /** The entry's own name (no slash). */
  readonly name: string;
  /** True for a directory. */
  readonly isDir: boolean;
}

function faultSync(core: MemoryCore, op: FaultOp, path: string, dst?: string): void {
  if (!core.faults?.size) return;
  const error = core.faults.consume(op, path, dst)?.error;
  if (error !== undefined) throw error;
}

/** The shape of every one-path synchronous call: check, fault, work, journal either way. */
export function runSync(
  core: MemoryCore,
  op: FaultOp & JournalOp,
  path: string,
  work: (p: string) => void,
  bytes?: number,
): void {
  let p = path;
  try {
    p = core.gate.enter(op, path, undefined);
    faultSync(core, op, p);
    work(p);
    core.journal.ok(op, p, bytes);
  } catch (err) {
    core.journal.error(op, p, err, bytes);
    throw err;
  }
}

/** The immediate children of a directory (`""` or `"/"` is the root), in path order. */
export function childrenSync(core: MemoryCore, dir: string): MemoryChild[] {
  let p = "";
  if (dir === "" || dir === "/") core.gate.check("childrenSync", "");
  else {
    p = core.gate.enter("childrenSync", dir, undefined);
    if (!core.store.get(p)?.dir) throw new NotFoundError("childrenSync", p);
  }
  return core.store.children(p).map(([name, entry]) => ({ name, isDir: entry.dir }));
}

/** A whole file stored at once, as `newWriter` + `write` + `close` would (the bytes copied). */
export function writeSync(
  core: MemoryCore,
  path: string,
  data: Uint8Array,
  options: WriterOptions,
): void {
  const bytes = new Uint8Array(data);
  runSync(core, "newWriter", path, (p) => core.store.checkFileTarget("newWriter", p));
  runSync(
    core,
    "write",
    path,
    (p) => {
      faultSync(core, "close", p);
      core.checkQuota("write", p, bytes.length);
      core.store.putFile("close", p, core.entry(p, bytes, bytes.length, options));
    },
    bytes.length,
  );
}

/** `copy` or `move`, synchronously. */
export function transferSync(core: MemoryCore, op: "copy" | "move", src: string, dst: string) {
  let s = src;
  let d: string | undefined;
  try {
    core.gate.check(op, src, undefined);
    s = normalizePath(op, src);
    d = normalizePath(op, dst);
    faultSync(core, op, s, d);
    commitTransfer(core, op, s, d);
  } catch (err) {
    journalTransferError(core, op, s, d, dst, err);
    throw err;
  }
}
