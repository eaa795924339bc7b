// These examples run under both Vitest (globals: true) and Jest, which both put the test API
// on the global object; this typed view avoids declaring either runner's globals project-wide.
import type * as vitest from "vitest";

const runner = globalThis as unknown as typeof vitest;

export const describe: typeof vitest.describe = runner.describe;
export const test: typeof vitest.test = runner.test;
export const expect: typeof vitest.expect = runner.expect;
