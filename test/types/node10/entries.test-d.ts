// A CommonJS Jest project with `moduleResolution: "node"` (node10), which ignores `exports`:
// every entry's types must still resolve by package name (through `typesVersions`), and the
// matchers must type Jest's global `expect`. scripts/type-tests.mjs links the package in as
// test/types/node_modules/omnistorage-ts, so these imports resolve as in an installed project.
// skipLibCheck as such projects have it: fast-check's own declarations do not resolve under
// node10 (Vitest's neither, so its ESM-only entry is not tried here).
import "omnistorage-ts/jest";
import type { isNotFound, StorageError, writeFile } from "omnistorage-ts";
import type { verifyBackend } from "omnistorage-ts/fast-check";
import type { FileBackend } from "omnistorage-ts/file";
import { matchers, type toTree } from "omnistorage-ts/matchers";
import type { MemoryBackend } from "omnistorage-ts/memory";
import type { sync } from "omnistorage-ts/sync";
import { assertType, type Equal } from "../assert-type.js";

declare const memory: MemoryBackend;

// Each entry resolved to its declarations (an unresolved one would be an error or `any`).
type IsAny<T> = 0 extends 1 & T ? true : false;
assertType<Equal<IsAny<typeof writeFile>, false>>();
assertType<Equal<IsAny<typeof isNotFound>, false>>();
assertType<Equal<IsAny<StorageError>, false>>();
assertType<Equal<IsAny<typeof verifyBackend>, false>>();
assertType<Equal<IsAny<typeof FileBackend>, false>>();
assertType<Equal<IsAny<typeof toTree>, false>>();
assertType<Equal<IsAny<typeof sync>, false>>();
assertType<Equal<ReturnType<typeof isNotFound>, boolean>>();
assertType<Equal<Awaited<ReturnType<typeof sync>>["copied"], number>>();

// The matchers on Jest's global `expect` (@types/jest), synchronous on a MemoryBackend.
expect.extend(matchers);
const onMemory = expect(memory).toHaveFile("a.txt", "text");
assertType<Equal<typeof onMemory, void>>();
expect(memory).toContainJSON("a.json", { ok: true });
expect(memory).not.toHaveDirectory("d");
expect(memory).toMatchTree({ "a.txt": "text" });

// A matcher that does not exist is an error: the assertion type has not turned into `any`.
// @ts-expect-error no such matcher
expect(memory).toHaveNoSuchMatcher();
