/**
 * What a call rejects (or throws) with; fails the test when it succeeds instead. Takes the
 * call as a function so a synchronous throw counts as its rejection too.
 */
export async function rejectionOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}
