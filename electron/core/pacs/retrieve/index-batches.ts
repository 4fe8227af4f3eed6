/**
 * Files written to the cache, indexed beside the download one batch at a time: files that come
 * while a batch is being indexed wait for it and go together in the next. Queued batch by batch
 * instead, the first retrieve of a process (the importer's modules loading, 0.4 s) made 78 batches
 * of 1 to 5 files, 1.3 s of indexing. A batch that fails is kept as `failure`; the rest go on.
 */
export class IndexBatches<F> {
  private pending: F[] = [];
  private indexing: Promise<void> | null = null;
  private indexingNext: Promise<void> | null = null;
  private lastStarted = 0;
  /** The first batch's failure, for the retrieve to throw. */
  failure: unknown = null;

  /** @param indexBatch - indexes one batch (never called with an empty one, never two at once) */
  constructor(private readonly indexBatch: (files: F[]) => Promise<void>) {}

  /** A file written whole, to go in the next batch. */
  add(file: F): void {
    this.pending.push(file);
  }

  /** Files waiting for the next batch. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Milliseconds since the last batch started (since the epoch of performance.now() before any). */
  sinceLastBatch(): number {
    return performance.now() - this.lastStarted;
  }

  /** Resolves once every file added so far is indexed (or its batch failed). */
  flush(): Promise<void> {
    if (this.indexing) return (this.indexingNext ??= this.indexing.then(() => ((this.indexingNext = null), this.flush())));
    if (this.pending.length === 0) return Promise.resolve();
    const files = this.pending;
    this.pending = [];
    this.lastStarted = performance.now();
    this.indexing = this.indexBatch(files)
      .catch((error: unknown) => void (this.failure ??= error))
      .finally(() => (this.indexing = null));
    return this.indexing;
  }
}
