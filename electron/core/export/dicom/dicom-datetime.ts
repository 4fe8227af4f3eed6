import { daValue } from '../../dicom/date-time-forms';
// DICOM DA/TM/DT text from and to JavaScript instants, and whole-day date shifts (PS3.5 6.2).

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** DA (YYYYMMDD) of an instant in local time of the export machine. */
export function dicomDate(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
}

/** TM (HHMMSS) of an instant in local time. */
export function dicomTime(at: Date): string {
  return `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/**
 * DT of an ISO 8601 instant with offset, keeping the offset written in the ISO text so that the
 * wall-clock time the reader saw survives ("2026-01-02T10:05:00.123+01:00" -> "20260102100500.123+0100").
 * A UTC instant is written without offset, for a dataset that declares Timezone Offset From UTC
 * "+0000": DCMTK 3.6.7 (dsrdump) rejects the "+0000" suffix although PS3.5 allows it.
 */
export function isoToDicomDateTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?\d*(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO 8601 date-time with offset: ${iso}`);
  const offset = m[8] === 'Z' || m[8] === '+00:00' || m[8] === '-00:00' ? '' : m[8]!.replace(':', '');
  return `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${m[7] ?? ''}${offset}`;
}

/** The Timezone Offset From UTC a dataset declares so that DT values without offset are UTC. */
export const UTC_OFFSET = '+0000';

/** ISO 8601 text of a DT value with seconds (the form isoToDicomDateTime writes; no offset = UTC). */
export function dicomDateTimeToIso(dt: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d{1,6})?([+-]\d{4})?$/.exec(dt.trim());
  if (!m) throw new RangeError(`not a full DICOM DT: ${dt}`);
  const offset = m[8] === undefined || m[8] === '+0000' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(3)}`;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${offset}`;
}

/**
 * Shifts a DA value by whole days (negative = earlier). Partial or malformed values cannot be
 * shifted safely and come back as null, for the caller to remove.
 */
export function shiftDicomDate(da: string, days: number): string | null {
  // The retired YYYY.MM.DD too: a date older equipment wrote is shifted like any other, not dropped.
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(daValue(da) ?? '');
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utc)) return null;
  const shifted = new Date(utc + days * 86_400_000);
  return `${shifted.getUTCFullYear()}${pad(shifted.getUTCMonth() + 1)}${pad(shifted.getUTCDate())}`;
}

/** Shifts the date part of a DT value by whole days, keeping its time and offset; null when not shiftable. */
export function shiftDicomDateTime(dt: string, days: number): string | null {
  const value = dt.trim();
  if (!/^\d{8}/.test(value)) return null;
  const date = shiftDicomDate(value.slice(0, 8), days);
  return date === null ? null : `${date}${value.slice(8)}`;
}

/** A decimal string (DS) of at most 16 characters for a finite number (PS3.5 6.2). */
export function formatDs(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`DS cannot hold ${value}`);
  for (let digits = 15; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  return value.toExponential(8);
}
