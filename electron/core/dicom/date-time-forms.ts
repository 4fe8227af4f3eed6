// DA and TM values as PS3.5 Table 6.2-1 writes them today, from the forms headers carry: the
// retired ACR-NEMA "YYYY.MM.DD" and "HH:MM:SS" among them (PS3.5 6.2 notes), which a writer of
// DA (8 bytes at most) refuses and dciodvfy reports.

/** A DA value as YYYYMMDD (the retired YYYY.MM.DD accepted), or null when it is no calendar date. */
export function daValue(value: string | undefined): string | null {
  const digits = (value ?? '').trim().replace(/^(\d{4})\.(\d{2})\.(\d{2})$/, '$1$2$3');
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return null;
  const [, , m, d] = match;
  return Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31 ? digits : null;
}

/** A TM value as HH[MM[SS[.F{1,6}]]] (the retired HH:MM:SS[.F] accepted), or null when it is no time of day. */
export function tmValue(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  const compact = /^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(trimmed) ? trimmed.replaceAll(':', '') : trimmed;
  const match = /^(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,6})?)?)?$/.exec(compact);
  if (!match) return null;
  const [, h, m = '00', s = '00'] = match;
  return Number(h) <= 23 && Number(m) <= 59 && Number(s) <= 60 ? compact : null;
}
