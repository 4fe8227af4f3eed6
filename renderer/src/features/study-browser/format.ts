/**
 * A DICOM PN as a reader expects it: "FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX" becomes
 * "FAMILY, GIVEN MIDDLE" (prefix and suffix around it), and an empty name "(no name)".
 * @param pn - the stored PatientName; its first non-empty group (alphabetic, ideographic, phonetic) is shown
 */
export function formatPatientName(pn: string): string {
  const alphabetic = pn.split('=').find((group) => group.replaceAll('^', '').trim() !== '') ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic.split('^').map((part) => part.trim());
  const givenNames = [prefix, given, middle].filter(Boolean).join(' ');
  const name = [family, givenNames].filter(Boolean).join(', ');
  const full = [name, suffix].filter(Boolean).join(' ');
  return full || '(no name)';
}

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
