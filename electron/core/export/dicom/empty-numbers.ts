import type { DenaturalizedDataset } from 'dcmjs';
import { itemAt, walkElements } from './element-walk';

// dcmjs 0.52 reads a binary number of length 0 (a Type 2 attribute left empty) as the value 0 (0n
// for UV, which it then cannot write; an AT as (0000,0000)): a copy said Diffusion b-value 0 where
// the scanner said nothing, or Pixel Padding Value 0 (every pixel 0 then hidden as padding). Each
// such element is emptied again where the file's bytes show a length of 0.

/** The VRs dcmjs reads as a default value when they are empty. */
const FIXED_LENGTH_VRS = new Set(['AT', 'FL', 'FD', 'SL', 'SS', 'UL', 'US', 'UV']);

// An empty AT is read as no value at all (undefined), written as (0000,0000).
const loneZero = (values: unknown[] | undefined) => values?.length === 1 && (values[0] === 0 || values[0] === 0n || values[0] === undefined);

/** Whether `dict` holds, at any depth, a number that may stand for an empty value (one value, 0). */
function holdsLoneZero(dict: DenaturalizedDataset): boolean {
  return Object.values(dict).some((element) =>
    element.vr === 'SQ' ? ((element.Value ?? []) as DenaturalizedDataset[]).some(holdsLoneZero) : FIXED_LENGTH_VRS.has(element.vr) && loneZero(element.Value),
  );
}

/**
 * Empties every binary number dcmjs read as 0 from a value of length 0 in `part10` (the bytes it read).
 * @param isSequence - whether PS3.6 gives a tag the VR SQ (for Implicit VR)
 */
export function restoreEmptyNumbers(dict: DenaturalizedDataset, part10: Uint8Array, isSequence: (tag: string) => boolean): void {
  if (!holdsLoneZero(dict)) return;
  walkElements(Buffer.from(part10.buffer, part10.byteOffset, part10.byteLength), isSequence, ({ tag, length, path }) => {
    if (length !== 0) return;
    const item = itemAt(dict, path);
    const element = item?.[tag];
    if (item && element && FIXED_LENGTH_VRS.has(element.vr) && loneZero(element.Value)) item[tag] = { vr: element.vr, Value: [] };
  });
}
