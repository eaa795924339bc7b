/**
 * `omnistorage-ts/file`: the backend on the real disk, confined to a root folder. Importing this
 * entry registers it as `"file"`, so `open("file", { root })` works.
 * @packageDocumentation
 */
import { builtinFactory, register } from "../core/registry.js";
import { FileBackend, type FileBackendOptions } from "./file-backend.js";

register(
  "file",
  builtinFactory("file", (config?: FileBackendOptions) => {
    if (config === undefined || config === null) {
      throw new TypeError('open("file"): a config with { root } is required');
    }
    return new FileBackend(config);
  }),
);

export type { FileBackendOptions } from "./file-backend.js";
export { FileBackend } from "./file-backend.js";
