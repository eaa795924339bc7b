// The log rotator's tests, shared by the Vitest and Jest files (which differ only in their
// one mock line and fixture import). Both runners put the test API on the global object.
import type { MemoryFsHandle } from "omnistorage-ts/vitest";
import { expect, test } from "../go-twins/runner.js";
import { rotate } from "./log-rotator.js";

/** The seed both files give `useMemoryFs()`. */
export const SEED = { "logs/app.log": "0123456789", "logs/app.log.1": "older" };

/** Registers the rotator's tests against `fs`, the file's `useMemoryFs()` handle. */
export function rotatorTests(fs: MemoryFsHandle): void {
  test("a full log is rotated: app.log → app.log.1 → app.log.2, and a new empty log starts", async () => {
    expect(await rotate("/logs/app.log", 10)).toBe(true);
    expect(fs.backend).toMatchTree({
      "logs/app.log": "",
      "logs/app.log.1": "0123456789",
      "logs/app.log.2": "older",
    });
    expect(fs.backend).toHaveMoved("logs/app.log", "logs/app.log.1");
  });

  test("a log below the limit is left alone", async () => {
    expect(await rotate("/logs/app.log", 11)).toBe(false);
    expect(fs.backend).toHaveFile("logs/app.log", "0123456789");
  });

  test("an injected fault surfaces as EACCES, the errno of a permission error on disk", async () => {
    fs.backend.inject({ op: "move" });
    await expect(rotate("/logs/app.log", 10)).rejects.toMatchObject({
      code: "EACCES",
      syscall: "rename",
    });
    expect(fs.backend).toHaveFile("logs/app.log", "0123456789");
  });

  test("a full disk surfaces as ENOSPC", async () => {
    fs.backend.inject({ op: "newWriter", path: "logs/app.log", error: () => diskFull() });
    await expect(rotate("/logs/app.log", 10)).rejects.toMatchObject({ code: "ENOSPC" });
  });

  test("the test reads what the module wrote through the same facade", async () => {
    await rotate("/logs/app.log", 10);
    expect(fs.readdirSync("/logs")).toEqual(["app.log", "app.log.1", "app.log.2"]);
    expect(fs.statSync("/logs/app.log").size).toBe(0);
  });
}

function diskFull() {
  return Object.assign(new Error("disk full"), { code: "ENOSPC" });
}
