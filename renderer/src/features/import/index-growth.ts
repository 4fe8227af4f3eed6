/** The study list is listed again at most this often while an import writes to the index. */
export const GROWTH_REFRESH_MS = 500;

/**
 * Decides, from a running import's progress, when the index has grown enough to be listed again:
 * once files were written to it since the last time (files found unchanged or duplicate add nothing), and not sooner than `minIntervalMs` after it, so
 * that a large import refreshes the lists steadily instead of at every poll (or only at its end).
 */
export class IndexGrowth {
  private listedAt = -Infinity;
  private listedFiles = 0;

  constructor(private readonly minIntervalMs = GROWTH_REFRESH_MS) {}

  /** A new import starts: its first written files are new to the lists. */
  restart(): void {
    this.listedAt = -Infinity;
    this.listedFiles = 0;
  }

  /**
   * Notes the files a running import has written so far; true when the lists should be loaded again now.
   * @param filesIndexed - the import's files written to the index so far
   * @param now - the time, in ms (performance.now())
   */
  grew(filesIndexed: number, now: number): boolean {
    if (filesIndexed <= this.listedFiles || now - this.listedAt < this.minIntervalMs) return false;
    this.listedFiles = filesIndexed;
    this.listedAt = now;
    return true;
  }
}
