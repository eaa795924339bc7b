/**
 * `omnistorage-ts/unstorage`: an unstorage driver over any backend, so code written against
 * unstorage (Nitro, Nuxt …) runs on a `MemoryBackend` with the whole toolkit around it.
 * unstorage is an optional peer dependency; this entry does not import it.
 * @packageDocumentation
 */
export type {
  OmnistorageDriver,
  OmnistorageDriverOptions,
  OmnistorageItemMeta,
} from "./driver.js";
export { omnistorageDriver } from "./driver.js";
