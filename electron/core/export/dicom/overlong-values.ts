import type { DenaturalizedDataset } from 'dcmjs';
import { AppError } from '@shared/errors';

// dcmjs 0.52 refuses to write a value longer than its VR allows (PS3.5 6.2: IS 12 characters, DS 16,
// CS 16, PN 64, UI 64, ...) with a bare Error ("Value exceeds max length, vr: IS, value: ...").
// Such a value comes from a source header (an Instance Number of 20 digits): what is wrong, and
// where, is said in words the user can act on.

/** How a writer treats a value longer than its VR allows: refused, or kept as the source has it. */
export type OverlongValues = 'refuse' | 'as-read';

const DCMJS_OVERLONG = /^Value exceeds max length, vr: (\w\w), value: ([\s\S]*), length: (\d+)$/;

/** Where a value sits in a tag-keyed dataset (items included), as "(0020,0013)" or "(0040,A730) item 1 > (0010,0010)". */
function elementHolding(dict: DenaturalizedDataset, vr: string, value: string): string | null {
  for (const [tag, element] of Object.entries(dict)) {
    const at = `(${tag.slice(0, 4)},${tag.slice(4)})`;
    if (element.vr === 'SQ') {
      const items = (element.Value ?? []) as DenaturalizedDataset[];
      for (const [index, item] of items.entries()) {
        const inner = elementHolding(item, vr, value);
        if (inner) return `${at} item ${index + 1} > ${inner}`;
      }
      continue;
    }
    const values = (element.Value ?? []) as unknown[];
    const texts = values.map((v) => (typeof v === 'object' && v !== null && 'Alphabetic' in v ? String((v as { Alphabetic: unknown }).Alphabetic) : String(v)));
    if (element.vr === vr && (texts.includes(value) || texts.join('\\') === value)) return at;
  }
  return null;
}

/**
 * The AppError for dcmjs' refusal of a value too long for its VR, naming the element and the value;
 * null for any other error.
 * @param name - the keyword of a tag ("InstanceNumber"), for the message
 */
export function overlongValueError(error: unknown, dict: DenaturalizedDataset, name: (tag: string) => string | undefined): AppError | null {
  const match = error instanceof Error ? DCMJS_OVERLONG.exec(error.message) : null;
  if (!match) return null;
  const [, vr, value, length] = match as unknown as [string, string, string, string];
  const where = elementHolding(dict, vr, value);
  const last = where ? /\((\w{4}),(\w{4})\)$/.exec(where) : null;
  const keyword = last ? name(`${last[1]}${last[2]}`) : undefined;
  const element = where ? `${keyword ? `${keyword} ` : ''}${where}` : `a ${vr} element`;
  const shown = value.length > 80 ? `${value.slice(0, 80)}...` : value;
  return new AppError(
    'unsupported',
    `The DICOM file cannot be written: ${element} is "${shown}", ${length} characters, longer than a ${vr} value may be (PS3.5 6.2). It comes from a source image's header: correct it there (or on the PACS), import it again, then export again.`,
    { cause: error },
  );
}
