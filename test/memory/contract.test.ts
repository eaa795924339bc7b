import { MemoryBackend } from "../../src/memory/index.js";
import { describeBackendContract } from "../contract/backend-contract.js";

describeBackendContract("MemoryBackend", { create: () => new MemoryBackend() });
