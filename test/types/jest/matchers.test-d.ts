// Jest with the global `expect` of @types/jest: typed through the augmentation of the global
// `jest.Matchers` that `omnistorage-ts/jest` loads.
import "../../../matchers/types/jest.js";
import { matchers, type OmnistorageMatchers, serializer } from "../../../matchers/index.js";
import { assertType, type Equal } from "../assert-type.js";
import { handle, holder, memory, remote } from "../subjects.js";

expect.extend(matchers);
expect.addSnapshotSerializer(serializer);

// Synchronous on a MemoryBackend and on anything holding one in `.current`: no await needed.
const onMemory = expect(memory).toHaveFile("a.txt");
const onHandle = expect(handle).not.toHaveFile("a.txt", "text");
const onHolder = expect(holder).toHaveDirectory("a");
assertType<Equal<typeof onMemory, void>>();
assertType<Equal<typeof onHandle, void>>();
assertType<Equal<typeof onHolder, void>>();

// Any other backend returns a Promise that must be awaited.
const onRemote = expect(remote).toHaveFile("a.txt");
const onRemoteNot = expect(remote).not.toHaveFileCount(1);
const viaResolves = expect(Promise.resolve(memory)).resolves.toHaveFileCount(1);
assertType<Equal<typeof onRemote, Promise<void>>>();
assertType<Equal<typeof onRemoteNot, Promise<void>>>();
assertType<Equal<Awaited<typeof viaResolves>, void>>();

// Every matcher and its arguments.
expect(memory).toHaveFile("a.txt", /x/);
expect(memory).toHaveFile("a.txt", new Uint8Array([1]));
expect(memory).toHaveFile("a.txt", expect.stringContaining("x"));
// @ts-expect-error toHaveFile compares text, bytes, a RegExp or an asymmetric matcher
expect(memory).toHaveFile("a.txt", 42);
expect(memory).toContainJSON("a.json", { id: expect.any(Number), tags: ["x"] });
expect(memory).toHaveFiles(["a.txt", "b.txt"]);
// @ts-expect-error toHaveFiles takes a list
expect(memory).toHaveFiles("a.txt");
expect(memory).toHaveDirectory("a");
expect(memory).toHaveFileCount(2);
expect(memory).toMatchTree({ "a.txt": "x", "b.json": { ok: true }, c: null });
const bothSync = expect(memory).toMatchBackend(handle);
const oneAsync = expect(memory).toMatchBackend(remote);
assertType<Equal<typeof bothSync, void>>();
assertType<Equal<typeof oneAsync, Promise<void>>>();
// @ts-expect-error toMatchBackend compares with a backend
expect(memory).toMatchBackend({ "a.txt": "x" });

// The matchers object and the documented interface name the same matchers.
assertType<Equal<keyof typeof matchers, keyof OmnistorageMatchers>>();

// A matcher that does not exist is an error: the assertion type has not turned into `any`.
// @ts-expect-error no such matcher
expect(memory).toHaveNoSuchMatcher();
