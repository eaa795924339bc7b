/** A value now, or later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A matcher body written once for both kinds of backend: it `yield*`s {@link wait} on every
 * inspection, and {@link drive} runs it synchronously as long as the inspections answer
 * synchronously (a MemoryBackend), switching to a Promise at the first one that does not.
 */
export type Steps<T> = Generator<unknown, T, unknown>;

/**
 * Hands a possibly-pending value to {@link drive} and resumes with its settled value.
 * @param value - an inspection's answer
 */
export function* wait<T>(value: MaybePromise<T>): Generator<MaybePromise<T>, T, unknown> {
  return (yield value) as T;
}

/**
 * Runs a matcher body: synchronously when nothing it waits on is a Promise, else as a Promise.
 * @param steps - the started generator
 * @returns its result, or a Promise of it
 */
export function drive<T>(steps: Steps<T>): MaybePromise<T> {
  let step = steps.next();
  while (!step.done) {
    if (isThenable(step.value)) return finish(steps, step.value);
    step = steps.next(step.value);
  }
  return step.value;
}

async function finish<T>(steps: Steps<T>, first: PromiseLike<unknown>): Promise<T> {
  let pending: unknown = first;
  for (;;) {
    // Settle first, then resume: a rejection is thrown into the body (where it may be caught),
    // while an exception of the body itself simply propagates.
    let settled: { value: unknown } | { error: unknown };
    try {
      settled = { value: await pending };
    } catch (error) {
      settled = { error };
    }
    const step = "error" in settled ? steps.throw(settled.error) : steps.next(settled.value);
    if (step.done) return step.value;
    pending = step.value;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
