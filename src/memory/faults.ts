import { PermissionDeniedError } from "../core/errors.js";
import { compileGlob } from "../core/glob.js";
import { normalizePath } from "../core/paths.js";
import { BACKEND_OPS, type BackendOp } from "./backend-op.js";

/**
 * An operation a fault can target: a backend method, or `write` (one writer chunk), `close`
 * (a writer's commit) and `read` (one reader chunk).
 * @public
 */
export type FaultOp = BackendOp | "write" | "close" | "read";

/** The call a fault matched, handed to an error factory. @public */
export interface FaultCall {
  /** The operation. */
  readonly op: FaultOp;
  /** Its normalised path (the source of a copy or move; the prefix of a list). */
  readonly path: string;
  /** The destination of a copy or move. */
  readonly dst?: string;
}

/**
 * What {@link MemoryBackend.inject} makes happen.
 *
 * @example
 * ```ts
 * backend.inject({ op: "write", path: "uploads/**", error: new Error("disk on fire") });
 * backend.inject({ op: "*", delayMs: 50, times: 3 });
 * ```
 * @public
 */
export interface FaultSpec {
  /** The operation to target, or `"*"` for every one. */
  op: FaultOp | "*";
  /**
   * Which paths: an exact path (normalised like every path; `"reports"` and `"reports/"` both
   * match `list("reports/")`), a glob (`*` within a segment,
   * `**` across; a string holding `*`, `?`, `[` or `{` is a glob) or a RegExp. Omitted: every
   * path. A copy or move matches when its source or its destination does.
   */
  path?: string | RegExp;
  /**
   * The error the call rejects with: an Error, or a factory making one per call. Default: a
   * `PermissionDeniedError` naming the operation and the path (also when the factory returns
   * nothing). Ignored when only `delayMs` is
   * given; with both, the call waits and then fails.
   */
  error?: Error | ((call: FaultCall) => Error);
  /** How many matching calls the fault affects before it removes itself (default: all). */
  times?: number;
  /**
   * Let this many matching calls through untouched first (default 0): `{ op: "read", after: 2 }`
   * fails a stream at its third chunk.
   */
  after?: number;
  /** Wait this long before going on (or failing); the call's signal cuts the wait short. */
  delayMs?: number;
}

/** The handle {@link MemoryBackend.inject} returns. @public */
export interface FaultHandle extends Disposable {
  /** Removes the fault; idempotent. */
  remove(): void;
}

/** A registered fault: its matcher and what is left of it. */
interface Fault {
  readonly op: FaultOp | "*";
  readonly matches: ((path: string) => boolean) | undefined;
  readonly error: FaultSpec["error"];
  readonly fails: boolean;
  readonly delayMs: number;
  left: number;
  skip: number;
}

/** What a matching call must do: wait, then fail or go on. */
export interface FaultOutcome {
  readonly delayMs: number;
  /** Set when the call must fail, after the wait. */
  readonly error?: Error;
}

const OPS: ReadonlySet<string> = new Set<FaultOp | "*">([
  ...BACKEND_OPS,
  "write",
  "close",
  "read",
  "*",
]);

const GLOB_SYNTAX = /[*?[{]/;

/**
 * The faults of one backend. Matching walks the faults in the order they were added: every
 * delay-only fault that matches adds its delay, and the first failing fault that matches ends
 * the walk with its error (later faults are not consumed).
 */
export class FaultSet {
  #faults: Fault[] = [];

  /** Number of active faults; the backend skips all fault work while it is 0. */
  get size(): number {
    return this.#faults.length;
  }

  /**
   * Adds a fault.
   * @param spec - see {@link FaultSpec}
   * @throws TypeError for an unknown op, a bad path, `times` or `delayMs`
   */
  add(spec: FaultSpec): FaultHandle {
    const fault = compile(spec);
    this.#faults.push(fault);
    const remove = (): void => {
      const i = this.#faults.indexOf(fault);
      if (i >= 0) this.#faults.splice(i, 1);
    };
    return { remove, [Symbol.dispose]: remove };
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults = [];
  }

  /**
   * What the call `op path [dst]` must do, consuming one use of each fault it applies;
   * `undefined` when no fault matches.
   */
  consume(op: FaultOp, path: string, dst?: string): FaultOutcome | undefined {
    const faults = this.#faults;
    let delayMs = 0;
    let matched = false;
    let spent = false;
    let failing: Fault | undefined;
    for (let i = 0; i < faults.length; i++) {
      const fault = faults[i] as Fault;
      if (fault.op !== "*" && fault.op !== op) continue;
      if (fault.matches && !matchesCall(fault.matches, path, dst)) continue;
      if (fault.skip > 0) {
        fault.skip--;
        continue;
      }
      matched = true;
      delayMs += fault.delayMs;
      if (--fault.left <= 0) spent = true;
      if (fault.fails) {
        failing = fault;
        break;
      }
    }
    if (spent) this.#faults = faults.filter((f) => f.left > 0);
    // The error is made last: a factory may itself inject or remove faults.
    if (failing) return { delayMs, error: errorOf(failing, op, path, dst) };
    return matched ? { delayMs } : undefined;
  }
}

/**
 * True when a fault's path matches the call's argument as the call spells it after
 * normalisation: a `list` prefix keeps its trailing `/`, and matches with or without it.
 */
function matchesCall(matches: (path: string) => boolean, path: string, dst?: string): boolean {
  if (matches(path) || (dst !== undefined && matches(dst))) return true;
  return path.length > 1 && path.charCodeAt(path.length - 1) === 47 && matches(path.slice(0, -1));
}

function compile(spec: FaultSpec): Fault {
  if (typeof spec !== "object" || spec === null || !OPS.has(spec.op)) {
    throw new TypeError(
      `inject: op must be one of ${[...OPS].map((o) => JSON.stringify(o)).join(", ")}, got ${JSON.stringify(spec?.op)}`,
    );
  }
  const times = spec.times ?? Number.POSITIVE_INFINITY;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isSafeInteger(times) && times > 0))) {
    throw new TypeError(`inject: times must be a positive integer, got ${String(spec.times)}`);
  }
  const after = spec.after ?? 0;
  if (!(Number.isSafeInteger(after) && after >= 0)) {
    throw new TypeError(`inject: after must be a non-negative integer, got ${String(spec.after)}`);
  }
  const delayMs = spec.delayMs ?? 0;
  if (!(Number.isFinite(delayMs) && delayMs >= 0)) {
    throw new TypeError(`inject: delayMs must be a non-negative number, got ${String(delayMs)}`);
  }
  const error = spec.error;
  if (error !== undefined && !(error instanceof Error) && typeof error !== "function") {
    throw new TypeError("inject: error must be an Error or a function returning one");
  }
  return {
    op: spec.op,
    matches: pathMatcher(spec.path),
    error,
    // A pure delay lets the call go on; anything else fails it.
    fails: error !== undefined || spec.delayMs === undefined,
    delayMs,
    left: times,
    skip: after,
  };
}

function pathMatcher(path: FaultSpec["path"]): Fault["matches"] {
  if (path === undefined) return undefined;
  if (path instanceof RegExp) {
    // A copy, so a global or sticky flag's lastIndex never makes matching depend on history.
    const re = new RegExp(path.source, path.flags.replace(/[gy]/g, ""));
    return (p) => re.test(p);
  }
  if (typeof path !== "string") {
    throw new TypeError(`inject: path must be a string or a RegExp, got ${typeof path}`);
  }
  // A glob is spelled like a path: `/a/*`, `./a/*` and `a//*/` all mean `a/*`.
  if (GLOB_SYNTAX.test(path)) {
    return compileGlob(
      path
        .split("/")
        .filter((part) => part !== "" && part !== ".")
        .join("/"),
    );
  }
  const exact = normalizePath("inject", path);
  return (p) => p === exact;
}

function errorOf(fault: Fault, op: FaultOp, path: string, dst: string | undefined): Error {
  const { error } = fault;
  if (error instanceof Error) return error;
  if (typeof error === "function") {
    const made: unknown = error(dst === undefined ? { op, path } : { op, path, dst });
    // A factory that returns nothing still fails the call, with the default error.
    if (made !== undefined && made !== null) return made as Error;
  }
  return new PermissionDeniedError(op, path, {
    message: `${op} ${JSON.stringify(path)}: permission denied (injected fault)`,
  });
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts.
 * @param ms - milliseconds
 * @param signal - cuts the wait short
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
