import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileBackend } from "../../src/file/index.js";
import { describeBackendContract } from "../contract/backend-contract.js";

describeBackendContract("FileBackend", {
  create: async () =>
    new FileBackend({ root: await mkdtemp(join(tmpdir(), "omnistorage-contract-")) }),
  destroy: async (backend) => {
    await rm((backend as FileBackend).root, { recursive: true, force: true });
  },
});
