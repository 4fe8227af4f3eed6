import { displayableText } from '@shared/dicom/displayable-text';

/** One DICOM JSON object (PS3.18 F.2), keyed by tag as eight hex digits. */
export type DicomJsonItem = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** The values of a tag, whichever case the server wrote its hex digits in. */
function values(item: DicomJsonItem, tag: string): unknown[] {
  return item[tag]?.Value ?? item[tag.toLowerCase()]?.Value ?? [];
}

/** A tag's first value as text; a person name's Alphabetic group; '' when absent. */
export function textOf(item: DicomJsonItem, tag: string): string {
  const value = values(item, tag)[0];
  if (typeof value === 'string') return displayableText(value).trim();
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && typeof (value as { Alphabetic?: unknown }).Alphabetic === 'string') return displayableText((value as { Alphabetic: string }).Alphabetic).trim();
  return '';
}

/** A tag's first value as a number (IS and DS may come as strings), or null. */
export function numberOf(item: DicomJsonItem, tag: string): number | null {
  const value = values(item, tag)[0];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Every value of a tag as numbers, or null unless there are exactly `count` of them. */
export function numbersOf(item: DicomJsonItem, tag: string, count: number): number[] | null {
  const list = values(item, tag).map((v) => (typeof v === 'number' ? v : Number(v)));
  return list.length === count && list.every(Number.isFinite) ? list : null;
}

/** Every value of a tag as text (e.g. ModalitiesInStudy). */
export function textsOf(item: DicomJsonItem, tag: string): string[] {
  return values(item, tag).filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

/** A DA value (YYYYMMDD) as YYYY-MM-DD, or null when it is not a whole date. */
export function dateOf(item: DicomJsonItem, tag: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(textOf(item, tag));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}
