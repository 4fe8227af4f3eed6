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
