import type { Worker } from 'node:worker_threads';
import type { FoundFile } from './file-walk';
import type { FileScan } from './scan-file';

/** Reads the headers of a batch of files, in order. */
export type BatchScanner = (files: FoundFile[]) => Promise<FileScan[]>;

interface Pending {
  resolve: (scans: FileScan[]) => void;
  reject: (error: Error) => void;
}

/**
 * Header reading spread over worker threads: parsing is the CPU-bound part of an import, and
 * the thread that writes the index keeps only the SQLite work.
 */
export class ScanPool {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;
  private failure: Error | null = null;

  constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: { id: number; scans: FileScan[] }) => {
        this.pending.get(message.id)?.resolve(message.scans);
        this.pending.delete(message.id);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (this.pending.size > 0) this.failAll(new Error(`a header reader stopped (exit code ${code})`));
      });
    }
  }

  /** Reads a batch on the next worker in turn. */
  scan: BatchScanner = (files) => {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise<FileScan[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, files });
    });
  };

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private failAll(error: Error): void {
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
