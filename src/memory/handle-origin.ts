// Where a reader or writer was opened, so a leak report can point at the user's line.
//
// Capturing a stack costs microseconds, several times what opening a memory handle costs
// otherwise, so it is off unless something will report leaks: the test fixtures turn it on
// (see fixtures/core/errors.ts). The text is formatted only when a leak is reported.

// On `globalThis` under a `Symbol.for` key, so the ESM and CommonJS copies agree.
const TRACK = Symbol.for("omnistorage.trackHandleOrigins");
const flags = globalThis as { [TRACK]?: boolean };

/**
 * Makes every backend record where each reader and writer is opened (`openedAt` of
 * `openHandles()`), for leak reports.
 * @param on - false turns it off again
 */
export function trackHandleOrigins(on = true): void {
  flags[TRACK] = on;
}

/** The captured call stack of an open (unformatted until read). */
export type HandleOrigin = { stack?: string } | undefined;

const FRAMES = 12;
// A frame's location: `at fn (file:line:col)` or `at file:line:col`.
const LOCATION = /\(?([^()\s]+:\d+:\d+)\)?\s*$/;

/** This module's own file (in a bundle, the bundle: every frame of the package is in it). */
const OWN_FILE: string | undefined = fileOf(locations(new Error().stack)[0]);

/** This package's root folder, found from this module's own location (in src/ or dist/). */
const PACKAGE_ROOT: string | undefined = (() => {
  const at = OWN_FILE?.lastIndexOf("/src/memory/") ?? -1;
  if (OWN_FILE === undefined || at < 0) return undefined;
  return OWN_FILE.slice(0, at).replace(/\/dist\/(?:esm|cjs)$/, "");
})();
const OWN_FOLDERS = ["src/", "dist/", "fixtures/", "matchers/"];

/**
 * The stack of the current call while origins are tracked, cheap to keep; `undefined` when
 * not tracked or where V8's API is missing.
 */
export function captureOrigin(): HandleOrigin {
  if (flags[TRACK] !== true || typeof Error.captureStackTrace !== "function") return undefined;
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES;
  Error.captureStackTrace(holder, captureOrigin);
  Error.stackTraceLimit = limit;
  return holder;
}

/**
 * The first `file:line:column` of an origin outside this package and Node's internals,
 * relative to the working directory when it lies below it.
 */
export function originOf(origin: HandleOrigin): string | undefined {
  for (const location of locations(origin?.stack)) {
    if (location.startsWith("node:") || isOwn(location)) continue;
    const cwd = typeof process === "object" ? `${slashes(process.cwd())}/` : undefined;
    return cwd && location.startsWith(cwd) ? location.slice(cwd.length) : location;
  }
  return undefined;
}

function isOwn(location: string): boolean {
  if (OWN_FILE !== undefined && fileOf(location) === OWN_FILE) return true;
  if (PACKAGE_ROOT === undefined) return false;
  if (!location.startsWith(`${PACKAGE_ROOT}/`)) return false;
  const rest = location.slice(PACKAGE_ROOT.length + 1);
  return OWN_FOLDERS.some((folder) => rest.startsWith(folder));
}

/** The locations of a stack's frames, top first, as paths (`file://` URLs decoded). */
function locations(stack: string | undefined): string[] {
  if (typeof stack !== "string") return [];
  const out: string[] = [];
  for (const line of stack.split("\n")) {
    if (!line.trimStart().startsWith("at ")) continue;
    const match = LOCATION.exec(line);
    if (match?.[1] !== undefined) {
      const location = match[1];
      out.push(slashes(location.startsWith("file://") ? decodeURI(location.slice(7)) : location));
    }
  }
  return out;
}

/** A path with forward slashes only (Windows frames use backslashes). */
function slashes(path: string): string {
  return path.replace(/\\/g, "/");
}

/** The file of a `file:line:column` location. */
function fileOf(location: string | undefined): string | undefined {
  return location?.replace(/:\d+:\d+$/, "");
}
