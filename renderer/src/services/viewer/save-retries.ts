import { ApiError } from '../../api/api-error';

/** The first wait before a failed save is tried again; each failure after doubles it, up to the cap. */
const FIRST_WAIT_MS = 2_000;
const LONGEST_WAIT_MS = 30_000;

/**
 * Whether a failed save may pass when tried again unchanged: the database busy with another process,
 * the host or the disk out of reach, an unexpected fault. A refusal of the drawing itself (invalid,
 * another reader's, its lesion gone) would fail again: it waits for the drawing's next change.
 */
export function mayPassOnRetry(error: unknown): boolean {
  return !(error instanceof ApiError) || ['conflict', 'io_error', 'database_error', 'internal'].includes(error.code);
}

/**
 * Tries failed saves again, each drawing on its own timer, waiting 2 s, then 4, 8, 16 and 30 s
 * between tries, until a save of it succeeds (forget) or the page is left (stop).
 */
export class SaveRetries<K> {
  private readonly timers = new Map<K, { timer: ReturnType<typeof setTimeout>; waitMs: number }>();
  private stopped = false;

  /** @param retry - saves the drawing again (its current state) */
  constructor(private readonly retry: (key: K) => void) {}

  /** Whether the drawing's save has failed and is being tried again. */
  retrying(key: K): boolean {
    return this.timers.has(key);
  }

  /** Tries the drawing's save again after the next wait of its backoff. */
  schedule(key: K): void {
    if (this.stopped) return;
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous.timer);
    const waitMs = previous ? Math.min(previous.waitMs * 2, LONGEST_WAIT_MS) : FIRST_WAIT_MS;
    this.timers.set(key, { waitMs, timer: setTimeout(() => this.retry(key), waitMs) });
  }

  /** Stops trying the drawing again (it was saved, refused for good, or removed). */
  forget(key: K): void {
    const entry = this.timers.get(key);
    if (entry) clearTimeout(entry.timer);
    this.timers.delete(key);
  }

  /** Stops every retry (the page is left). */
  stop(): void {
    this.stopped = true;
    for (const key of [...this.timers.keys()]) this.forget(key);
  }
}
