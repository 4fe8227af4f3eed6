import type { DenaturalizedDataset } from 'dcmjs';
import { itemAt, walkElements } from './element-walk';

// dcmjs 0.52 has no class for SV, OV and OL (it has UV, OD and OF): it reads such an element as UN
// (its bytes kept, in the file's byte order) and writes it back with the VR UN. A copy then said UN
// where the source said SV, and the de-identification removed it as an element nobody can judge.
// The VR is given back after reading (from PS3.6: an Explicit VR file that said SV, OV or OL is
// what makes dcmjs say UN for a tag PS3.6 gives one of them) and written over UN after writing;
// all three have the header UN has (two reserved bytes, a 32-bit length), so no byte moves.

/** The VRs dcmjs 0.52 reads and writes as UN. */
const UNKNOWN_TO_DCMJS = new Set(['SV', 'OV', 'OL']);

/**
 * Gives back the VR PS3.6 names (SV, OV or OL) to every element dcmjs read as UN for a tag that has
 * one, at any depth: its value stays the bytes read.
 * @param dictionaryVr - the VR PS3.6 gives a tag (8 upper-case hex digits)
 */
export function restoreUnknownVrs(dict: DenaturalizedDataset, dictionaryVr: (tag: string) => string | undefined): void {
  for (const [tag, element] of Object.entries(dict)) {
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as DenaturalizedDataset[]) restoreUnknownVrs(item, dictionaryVr);
      continue;
    }
    const named = dictionaryVr(tag.toUpperCase());
    if (element.vr === 'UN' && named && UNKNOWN_TO_DCMJS.has(named)) dict[tag] = { ...element, vr: named };
  }
}

/** Whether `dict` holds an SV, OV or OL element at any depth. */
function holdsUnknownVrs(dict: DenaturalizedDataset): boolean {
  return Object.values(dict).some((element) =>
    element.vr === 'SQ' ? ((element.Value ?? []) as DenaturalizedDataset[]).some(holdsUnknownVrs) : UNKNOWN_TO_DCMJS.has(element.vr),
  );
}

/**
 * Writes SV, OV or OL over the UN dcmjs wrote for each such element of `dict`, in the Part 10 bytes
 * it made of it (`bytes`, changed in place). Implicit VR names no VR, so there is nothing to write over.
 */
export function relabelUnknownVrs(bytes: Buffer, dict: DenaturalizedDataset): void {
  if (!holdsUnknownVrs(dict)) return;
  walkElements(bytes, () => false, ({ tag, vr, at, path }) => {
    const named = itemAt(dict, path)?.[tag]?.vr;
    if (vr !== 'UN' || !named || !UNKNOWN_TO_DCMJS.has(named)) return;
    bytes.write(named, at + 4, 'latin1');
  });
}
