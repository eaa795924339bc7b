// The same log rotator under Jest: one jest.mock line routes its node:fs/promises to each
// test's MemoryBackend.
import { useMemoryFs } from "omnistorage-ts/jest";
import { rotatorTests, SEED } from "../fs/rotator-tests.js";

// The global `jest`, not @jest/globals' import: @swc/jest and babel-jest hoist only its calls
// above the imports, so the rotator loads the mock.
declare const jest: { mock(name: string, factory: () => unknown): void };
jest.mock("node:fs/promises", () =>
  require("omnistorage-ts/fs").memoryFsModule("node:fs/promises"),
);

rotatorTests(useMemoryFs({ seed: SEED }));
