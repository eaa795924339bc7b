import { describe } from "vitest";
import { extendedContract } from "./extended.contract.js";
import { handlesContract } from "./handles.contract.js";
import { type ContractTarget, useTarget } from "./harness.js";
import { namespaceContract } from "./namespace.contract.js";
import { optionsContract } from "./options.contract.js";
import { pathsContract } from "./paths.contract.js";
import { readerContract } from "./reader.contract.js";
import { writerContract } from "./writer.contract.js";
import { writerFailureContract } from "./writer-failure.contract.js";

export type { ContractTarget } from "./harness.js";

/**
 * The SPEC's Backend, ExtendedBackend, Paths and Errors rules as one suite, run against any
 * backend: each test gets a fresh backend from `target.create()` and closes it afterwards.
 */
export function describeBackendContract(name: string, target: ContractTarget): void {
  describe(`${name} honours the backend contract`, () => {
    const backend = useTarget(target);
    writerContract(backend);
    writerFailureContract(backend);
    readerContract(backend);
    namespaceContract(backend);
    extendedContract(backend);
    pathsContract(backend);
    optionsContract(backend);
    handlesContract(backend);
  });
}
