// The log rotator (examples/fs) runs on each test's MemoryBackend: one vi.mock line routes its
// node:fs/promises there, and the toolkit's matchers, journal and faults apply.
import { useMemoryFs } from "omnistorage-ts/vitest";
import { vi } from "vitest";
import { rotatorTests, SEED } from "../fs/rotator-tests.js";

vi.mock("node:fs/promises", () =>
  import("omnistorage-ts/fs").then((m) => m.memoryFsModule("node:fs/promises")),
);

rotatorTests(useMemoryFs({ seed: SEED }));
