/**
 * Runs `fetchOne` over `items` in their order with at most `concurrency` at once, yielding each
 * result as it completes. The first failure stops the others (their signal aborts) and is thrown;
 * so does the caller's `signal`.
 */
export async function* retrieveConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  fetchOne: (item: T, signal: AbortSignal) => Promise<R>,
): AsyncGenerator<R> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const running = new Map<number, Promise<{ index: number; result: R }>>();
  let next = 0;
  const launch = () => {
    while (running.size < concurrency && next < items.length && !stop.signal.aborted) {
      const index = next++;
      const fetched = fetchOne(items[index]!, stop.signal).then((result) => ({ index, result }));
      // One started just before the consumer stopped may fail unawaited (it is aborted): not an unhandled rejection.
      fetched.catch(() => undefined);
      running.set(index, fetched);
    }
  };
  try {
    launch();
    while (running.size > 0) {
      const { index, result } = await Promise.race(running.values());
      running.delete(index);
      launch();
      yield result;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stop.abort();
    // The others end with the abort; their failures are the first one's echo.
    for (const pending of running.values()) pending.catch(() => undefined);
  }
}
