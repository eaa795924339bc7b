import { stripVTControlCharacters } from "node:util";
import { expect } from "vitest";
import { createBackendHandle } from "../../fixtures/core/backend-handle.js";
import type { MatcherContext, SyncSubject } from "../../matchers/index.js";
import { matchers, serializer } from "../../matchers/index.js";
import type { Backend } from "../../src/core/types.js";
import type { MemoryBackend } from "../../src/memory/index.js";
import { extendedBackend, plainBackend } from "./backends.js";

export { extendedBackend, plainBackend };

expect.extend(matchers);
expect.addSnapshotSerializer(serializer);

/**
 * The real `useMemoryBackend()` handle (the fixtures' Proxy) over whatever `current` returns;
 * a `current` that throws stands for the handle used outside a test.
 */
export function handleOf(current: () => MemoryBackend) {
  const peek = () => {
    try {
      return current();
    } catch {
      return undefined;
    }
  };
  return createBackendHandle({ backend: current, peek, reset: current });
}

/** What a test hands to `expect`. */
export type Subject = SyncSubject | Backend;

/** The ways a test can hand a backend to `expect`, each over the same MemoryBackend. */
export const SUBJECTS = {
  /** The MemoryBackend itself: synchronous. */
  memory: (memory: MemoryBackend): Subject => memory,
  /** The real `useMemoryBackend()` handle (a Proxy): synchronous through `.current`. */
  handle: (memory: MemoryBackend): Subject => handleOf(() => memory),
  /** Anything else holding a MemoryBackend in `.current`. */
  holder: (memory: MemoryBackend): Subject => ({ current: memory }),
  /** A Backend without stat: asynchronous. */
  plain: (memory: MemoryBackend): Subject => plainBackend(memory),
  /** An ExtendedBackend: asynchronous, using stat. */
  extended: (memory: MemoryBackend): Subject => extendedBackend(memory),
} as const;

/** Subject kinds whose matchers answer synchronously. */
export const SYNC_KINDS = new Set<SubjectKind>(["memory", "handle", "holder"]);

/** The name of a way to hand a backend to `expect`. */
export type SubjectKind = keyof typeof SUBJECTS;

/** Every {@link SubjectKind}, for `describe.each`. */
export const SUBJECT_KINDS = Object.keys(SUBJECTS) as SubjectKind[];

/**
 * The ANSI-stripped message of a failing assertion, the way Vitest's own jest-expect tests
 * snapshot theirs (trailing spaces trimmed); for a synchronous subject the failure must be thrown synchronously.
 * @param assertion - runs `expect(…).matcher(…)`
 * @param sync - whether the assertion must fail without returning a Promise
 */
export async function failureOf(assertion: () => unknown, sync: boolean): Promise<string> {
  let outcome: unknown;
  try {
    outcome = assertion();
  } catch (err) {
    return readable(err);
  }
  if (sync) throw new Error("expected the assertion to fail synchronously");
  try {
    await outcome;
  } catch (err) {
    return readable(err);
  }
  throw new Error("expected the assertion to fail");
}

/** A failure message without colours and without trailing spaces (diffs pad empty lines). */
function readable(err: unknown): string {
  return stripVTControlCharacters((err as Error).message).replace(/[ \t]+$/gm, "");
}

/**
 * Runs a passing assertion, checking that a synchronous subject needs no `await`.
 * @param assertion - runs `expect(…).matcher(…)`
 * @param sync - whether the assertion must pass without returning a Promise
 */
export async function passes(assertion: () => unknown, sync: boolean): Promise<void> {
  const outcome = assertion();
  const thenable =
    typeof outcome === "object" &&
    outcome !== null &&
    typeof (outcome as { then?: unknown }).then === "function";
  if (sync && thenable) throw new Error("expected no Promise from a synchronous subject");
  if (!sync && !thenable) throw new Error("expected a Promise from an asynchronous subject");
  await outcome;
}

/** The real matcher context Vitest hands to matchers, captured once for direct calls. */
export function vitestMatcherContext(): MatcherContext {
  let captured: MatcherContext | undefined;
  expect.extend({
    captureMatcherContext(this: MatcherContext) {
      captured = this;
      return { pass: true, message: () => "" };
    },
  });
  (expect(null) as unknown as { captureMatcherContext(): void }).captureMatcherContext();
  if (!captured) throw new Error("Vitest did not call the capturing matcher");
  return captured;
}
