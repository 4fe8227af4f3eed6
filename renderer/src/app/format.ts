// Texts that several features show the same way: dates, counts, sizes, durations.

/** An ISO date (YYYY-MM-DD) as shown in tables, or a dash when unknown. */
export function formatDate(date: string | null): string {
  return date ?? '—';
}

/** A DICOM TM (HHMMSS.frac) as HH:MM, or an empty string. */
export function formatTime(tm: string): string {
  const match = /^(\d{2})(\d{2})?/.exec(tm.trim());
  return match ? `${match[1]}:${match[2] ?? '00'}` : '';
}

/** "1 instance", "72 instances". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A byte count in the largest unit that keeps it readable. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds as "0.8 s" or "2 min 05 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored ISO timestamp as the reading room writes it: "2026-11-27 16:40" (local time). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A moment of today as a clock shows it, to the second: "16:40:07" (local time). */
export function formatClockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
