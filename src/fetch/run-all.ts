/**
 * Runs tasks together and fails like a batch job should: the first failure aborts the tasks that have
 * not started a request yet, every task is let to settle (so no write is cut short), then that first
 * failure is thrown. Promise.all alone would return early while queued requests kept going.
 */
export async function runAll<T>(
  tasks: readonly ((signal: AbortSignal) => Promise<T>)[],
  parent?: AbortSignal,
): Promise<T[]> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let firstError: { error: unknown } | null = null;
  const results = await Promise.all(
    tasks.map((task) =>
      task(controller.signal).catch((error: unknown) => {
        if (firstError === null) {
          firstError = { error };
          controller.abort(error);
        }
        return undefined as T;
      }),
    ),
  );
  parent?.removeEventListener('abort', onParentAbort);
  if (firstError !== null) throw (firstError as { error: unknown }).error;
  return results;
}
