/**
 * Runs `task` over `items` with at most `limit` in flight. Before each start `canStart` is
 * asked; once it says no, nothing new starts and the tasks in flight are awaited. A task that
 * throws stops new starts too, and its error is rethrown after the others settle, so no task is
 * ever left running behind the caller's back.
 *
 * @param items - the work
 * @param limit - most tasks in flight
 * @param task - what to do with one item
 * @param canStart - asked before each start (default: always)
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
  canStart: () => boolean = () => true,
): Promise<void> {
  let next = 0;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length && canStart()) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (err) {
        if (!failed) {
          failed = true;
          failure = err;
        }
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
  await Promise.all(workers);
  if (failed) throw failure;
}
