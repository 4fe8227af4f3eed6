/** One step of saving: stores or deletes a drawing, or reads the stored records again. */
type Task = () => Promise<void>;

interface Waiting<K> {
  key: K | null;
  task: Task;
  context: string;
  done: (() => void)[];
}

/** What the queue tells its owner. */
export interface SaveQueueEvents<K> {
  /** A task failed: which drawing (null: none), why, and what it was doing. The queue goes on with the next. */
  failed(key: K | null, error: unknown, context: string): void;
  /** How many tasks wait or run, after each change of that number. */
  pending(count: number): void;
}

/**
 * Runs saves one at a time, in the order they were asked for, so that a delete never overtakes its
 * save. A task for a drawing whose previous task has not started yet replaces that one in its
 * place: a drag that reports fifty changes sends the last state once, never an older one after it.
 */
export class SaveQueue<K> {
  private readonly waiting: Waiting<K>[] = [];
  /** The task running now, if any. */
  private current: Waiting<K> | null = null;
  private draining = false;

  constructor(private readonly events: SaveQueueEvents<K>) {}

  /**
   * Queues a task.
   * @param key - the drawing it saves (tasks of one key coalesce while waiting), or null for one that never coalesces
   * @param context - what the task does, in words for a failure ("Saving the annotation failed")
   * @returns resolves once the task, or the later task of its key that replaced it, has run (failed or not)
   */
  enqueue(key: K | null, task: Task, context: string): Promise<void> {
    return new Promise((resolve) => {
      const queued = key === null ? undefined : this.waiting.find((w) => w.key === key);
      if (queued) {
        queued.task = task;
        queued.context = context;
        queued.done.push(resolve);
        return;
      }
      this.waiting.push({ key, task, context, done: [resolve] });
      this.reportPending();
      if (!this.draining) void this.drain();
    });
  }

  /** Tasks waiting or running. */
  get size(): number {
    return this.waiting.length + (this.current ? 1 : 0);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while ((this.current = this.waiting.shift() ?? null)) {
      const { key, task, context, done } = this.current;
      try {
        await task();
      } catch (error) {
        this.events.failed(key, error, context);
      }
      this.current = null;
      this.reportPending();
      done.forEach((resolve) => resolve());
    }
    this.draining = false;
  }

  private reportPending(): void {
    this.events.pending(this.size);
  }
}
