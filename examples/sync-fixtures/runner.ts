// Vitest (with `globals: true`) and Jest both put the test API on the global object; this
// typed view of it keeps either runner's global declarations out of the project's types.
import type * as vitest from "vitest";

const runner = globalThis as unknown as typeof vitest;

export const beforeEach: typeof vitest.beforeEach = runner.beforeEach;
export const describe: typeof vitest.describe = runner.describe;
export const expect: typeof vitest.expect = runner.expect;
export const test: typeof vitest.test = runner.test;
