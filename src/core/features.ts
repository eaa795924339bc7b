import { HASH_ALGORITHMS } from "./hash-algorithms.js";
import type { Features } from "./types.js";

/**
 * The features of a backend that stores files in a tree (memory and file alike), frozen.
 * Only what really differs between them is a parameter.
 * @param own - `customMetadata`: whether `metadata` given to `newWriter` is stored
 */
export function treeBackendFeatures(own: { customMetadata: boolean }): Features {
  return Object.freeze({
    copy: true,
    move: true,
    mkdir: true,
    rmdir: true,
    stat: true,
    hashes: HASH_ALGORITHMS,
    canStream: true,
    rangeRead: true,
    listPrefix: true,
    setModTime: true,
    customMetadata: own.customMetadata,
    versioning: false,
    serverSideEncryption: false,
  });
}
