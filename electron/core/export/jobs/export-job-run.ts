import fs from 'node:fs';
import path from 'node:path';
import { AppError, toErrorShape } from '@shared/errors';
import type { ExportJobProgress, ExportJobStatus, ExportKind, PacsDelivery } from '@shared/export/export-job';
import { removeCreatedFolders, type Destination } from './export-destination';

/**
 * One export job's state while it runs: progress, the files it finished, its errors and notes,
 * and its cancel flag. The runner writes it; the job list reads snapshots of it for polling.
 */
export class ExportJobRun {
  private readonly state: ExportJobStatus;
  private readonly startedAt = performance.now();
  private cancelRequested = false;

  constructor(readonly jobId: string, kind: ExportKind, readonly destination: Destination | null, itemsTotal: number) {
    this.state = {
      jobId,
      kind,
      state: 'running',
      destination: destination?.folder ?? null,
      progress: { phase: 'preparing', itemsDone: 0, itemsTotal, bytesDone: 0, bytesTotal: 0, currentItem: null, elapsedSeconds: 0 },
      filesWritten: [],
      errors: [],
      notes: [],
      pacs: [],
      error: null,
    };
  }

  /** True once the job has ended, however. */
  get finished(): boolean {
    return this.state.state !== 'running';
  }

  /** True once the user asked to stop. */
  get cancelling(): boolean {
    return this.cancelRequested;
  }

  /** A copy of the status with the time spent so far. */
  snapshot(): ExportJobStatus {
    const copy = structuredClone(this.state);
    if (!this.finished) copy.progress.elapsedSeconds = (performance.now() - this.startedAt) / 1000;
    return copy;
  }

  /** Asks the job to stop at its next check (between items, or between images of a dataset). */
  requestCancel(): void {
    if (!this.finished) this.cancelRequested = true;
  }

  /** Throws the cancel error when a stop was asked for: the runner calls it between items. */
  throwIfCancelled(): void {
    if (this.cancelRequested) throw new AppError('cancelled', 'The export was cancelled.');
  }

  /** Updates the progress shown. */
  progress(update: Partial<ExportJobProgress>): void {
    Object.assign(this.state.progress, update);
  }

  /** Records a file the job finished writing (renamed into place), with its size. */
  wrote(file: string): void {
    const bytes = fs.statSync(file).size;
    this.state.filesWritten.push({ path: file, bytes });
    this.state.progress.bytesDone += bytes;
  }

  /** Records a problem with one item; the job goes on with the others. */
  itemFailed(subject: string, error: unknown): void {
    this.state.errors.push({ subject, ...toErrorShape(error) });
  }

  /** Something the user should read about the result. */
  note(text: string): void {
    this.state.notes.push(text);
  }

  /** What a PACS answered to a send. */
  delivered(delivery: PacsDelivery): void {
    this.state.pacs.push(delivery);
  }

  /** Ends the job as done, or as failed when it produced nothing and an item failed. */
  complete(): void {
    const producedNothing = this.state.filesWritten.length === 0 && this.state.pacs.length === 0;
    const firstError = this.state.errors[0];
    if (producedNothing && firstError) {
      // A failed export leaves no trace: not even the empty folders it made for its files.
      if (this.destination) removeCreatedFolders(this.destination);
      this.end('failed', { code: firstError.code, message: firstError.message });
    } else this.end('done', null);
  }

  /**
   * Ends the job after a cancel or a fatal error, removing every file it had written so that no
   * half-finished export is left looking complete.
   * @param options.exporterCleanedUp - the exporter already removed its own output (the research dataset does)
   */
  abort(error: unknown, options: { exporterCleanedUp?: boolean } = {}): void {
    const removed = this.removeWritten();
    const shape = toErrorShape(error);
    const what = options.exporterCleanedUp
      ? 'the files it had written were removed'
      : removed === 0 ? 'it had written no file' : `the ${removed} file${removed === 1 ? '' : 's'} it had written were removed`;
    const message = shape.code === 'cancelled' ? `The export was cancelled; ${what}.` : shape.message;
    this.end(shape.code === 'cancelled' ? 'cancelled' : 'failed', { code: shape.code, message });
  }

  private removeWritten(): number {
    const files = this.state.filesWritten.splice(0);
    for (const file of files) fs.rmSync(file.path, { force: true });
    // Per-study subfolders the export made inside its destination go too, when now empty.
    const inside = this.destination ? [...new Set(files.map((f) => path.dirname(f.path)))].filter((d) => d.startsWith(this.destination!.folder + path.sep)) : [];
    for (const folder of inside) {
      try {
        fs.rmdirSync(folder);
      } catch {
        // Not empty or gone: leave it.
      }
    }
    this.state.progress.bytesDone = 0;
    if (this.destination) removeCreatedFolders(this.destination);
    return files.length;
  }

  private end(state: 'done' | 'failed' | 'cancelled', error: ExportJobStatus['error']): void {
    this.state.progress.elapsedSeconds = (performance.now() - this.startedAt) / 1000;
    this.state.progress.phase = 'finished';
    this.state.progress.currentItem = null;
    this.state.state = state;
    this.state.error = error;
  }
}
