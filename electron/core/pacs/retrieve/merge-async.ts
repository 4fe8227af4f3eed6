/**
 * Yields the items of several async iterables as each comes, whichever source it is from; ends
 * when all have ended. The first failure is thrown (the caller's signal stops the others).
 */
export async function* mergeAsync<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const pull = (i: number) => {
    const pulled = iterators[i]!.next().then((result) => ({ i, result }));
    // A pull left behind when the consumer stops (a failure elsewhere) must not surface unhandled.
    pulled.catch(() => undefined);
    return pulled;
  };
  const next = new Map(iterators.map((_, i) => [i, pull(i)]));
  try {
    while (next.size > 0) {
      const { i, result } = await Promise.race(next.values());
      if (result.done) {
        next.delete(i);
        continue;
      }
      next.set(i, pull(i));
      yield result.value;
    }
  } finally {
    // Sources still running are closed (their own finally blocks stop their requests).
    for (const i of next.keys()) void iterators[i]!.return?.(undefined)?.catch(() => undefined);
  }
}
