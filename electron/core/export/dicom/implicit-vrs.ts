import type { DenaturalizedDataset, DenaturalizedElement } from 'dcmjs';

// An Implicit VR file names no VR: where PS3.6 gives a choice, the data set decides. dcmjs 0.52
// takes US for every "US or SS" attribute and UN for LUT Data ("US or OW"), so a copy written in
// Explicit VR said US 63536 where a signed CT said Pixel Padding Value -2000, and removed its VOI
// LUT's data as an unknown element. Resolved here, after dcmjs has read the file.

/** Descriptors whose first and third values are unsigned whatever the pixels are (PS3.3 C.11.1.1.1, C.7.6.3.1.5): US. */
const LUT_DESCRIPTORS = new Set(['00283002', '00281101', '00281102', '00281103', '00281111', '00281112', '00281113']);

const PIXEL_REPRESENTATION = '00280103';

/** The element as PS3.5 reads it in this data set, or the element itself where dcmjs' reading holds. */
function resolved(tag: string, element: DenaturalizedElement, dictionaryVr: string | undefined, signed: boolean): DenaturalizedElement {
  if (dictionaryVr === 'lt' && element.vr === 'UN') return { vr: 'OW', Value: element.Value };
  if (dictionaryVr !== 'xs' || element.vr !== 'US' || !signed || LUT_DESCRIPTORS.has(tag)) return element;
  // Pixel values of a signed image (Smallest Image Pixel Value, Pixel Padding Value, Real World
  // Value First Value Mapped...): the same two bytes, read as SS.
  return { vr: 'SS', Value: (element.Value ?? []).map((v) => (typeof v === 'number' && v > 0x7fff ? v - 0x10000 : v)) };
}

/**
 * Gives the ambiguous attributes of a data set read from Implicit VR the VR their data set implies:
 * SS for a pixel value attribute when Pixel Representation (the item's own, as an icon image has,
 * or its parent's) is 1, OW for LUT Data.
 * @param dictionaryVr - the VR code PS3.6 gives a tag in dcmjs' dictionary ('xs', 'lt'...)
 */
export function resolveImplicitVrs(dict: DenaturalizedDataset, dictionaryVr: (tag: string) => string | undefined, inheritedSigned = false): void {
  const own = dict[PIXEL_REPRESENTATION]?.Value?.[0];
  const signed = own === undefined ? inheritedSigned : Number(own) === 1;
  for (const [tag, element] of Object.entries(dict)) {
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as DenaturalizedDataset[]) resolveImplicitVrs(item, dictionaryVr, signed);
      continue;
    }
    dict[tag] = resolved(tag.toUpperCase(), element, dictionaryVr(tag.toUpperCase()), signed);
  }
}
