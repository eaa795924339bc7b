// The log rotator under Jest's native ESM mode: there jest.mock is not hoisted over `import`,
// so node:fs/promises is mocked with jest.unstable_mockModule and everything that loads the
// code under test is imported after it. (examples/jest/log-rotator.test.ts is the CommonJS twin.)
import { jest } from "@jest/globals";
import { memoryFsModule } from "omnistorage-ts/fs";
import { useMemoryFs } from "omnistorage-ts/jest";

jest.unstable_mockModule("node:fs/promises", () => memoryFsModule("node:fs/promises"));
const { rotatorTests, SEED } = await import("../fs/rotator-tests.js");

rotatorTests(useMemoryFs({ seed: SEED }));
