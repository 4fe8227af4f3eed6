import type { ExportJobProgress } from '@shared/export/export-job';
import { formatBytes } from '../../app/format';

/** "12.3 MB" of a byte count, as megabytes (10^6, as disks are sold). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The rate line of a running export: MB per second and items per second, once there is one. */
export function formatExportRate(progress: ExportJobProgress): string {
  if (progress.elapsedSeconds < 0.2 || progress.bytesDone === 0) return '';
  const mbps = progress.bytesDone / 1e6 / progress.elapsedSeconds;
  const items = progress.itemsDone / progress.elapsedSeconds;
  return `${mbps.toFixed(1)} MB/s · ${items >= 10 ? Math.round(items) : items.toFixed(1)} items/s`;
}

/** A written file's size for the result list. */
export function formatFileSize(bytes: number): string {
  return formatBytes(bytes);
}
