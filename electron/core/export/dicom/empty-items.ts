import type { DenaturalizedDataset } from 'dcmjs';
import type { DataSet } from 'dicom-parser';
import { parseHeaderBytes } from '../../dicom/read-header';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN } from './uids';

// An Item (FFFE,E000) of length 0, or of undefined length closed at once, little and big endian.
const EMPTY_ITEM_BYTES = ['feff00e000000000', 'feff00e0fffffffffeff0de000000000', 'fffee00000000000', 'fffee000fffffffffffee00d00000000'].map((hex) => Buffer.from(hex, 'hex'));

/**
 * Puts back the empty sequence items dcmjs 0.52 leaves out when it reads (an item of no element is
 * skipped), so that what is written again keeps them: a Type 1 sequence of one empty item (an
 * enhanced image's Shared Functional Groups when every macro is per frame) would otherwise be
 * written with none, which DICOM readers and dciodvfy refuse. dicom-parser, which keeps every item,
 * reads the header only when the bytes could hold one (or are deflated).
 * @param part10 - the bytes dcmjs read `dict` from
 */
export function restoreEmptyItems(dict: DenaturalizedDataset, part10: Uint8Array, syntax: string | undefined): void {
  const bytes = Buffer.from(part10.buffer, part10.byteOffset, part10.byteLength);
  if (syntax !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN && !EMPTY_ITEM_BYTES.some((pattern) => bytes.includes(pattern))) return;
  let header: DataSet;
  try {
    header = parseHeaderBytes(part10);
  } catch {
    return; // what dicom-parser cannot read, dcmjs's reading stands for
  }
  restoreItems(dict, header);
}

/** Splices an empty item into each sequence of `dict` where `header` has one that dcmjs did not keep. */
function restoreItems(dict: DenaturalizedDataset, header: DataSet): void {
  for (const [key, element] of Object.entries(header.elements)) {
    const items = element.items;
    const entry = dict[key.slice(1).toUpperCase()];
    if (!items || entry?.vr !== 'SQ') continue;
    const values = (entry.Value ??= []) as DenaturalizedDataset[];
    items.forEach((item, i) => {
      const inner = item.dataSet;
      if (!inner || Object.keys(inner.elements).length === 0) {
        if (values.length < items.length) values.splice(i, 0, {});
      } else if (values[i]) {
        restoreItems(values[i]!, inner);
      }
    });
  }
}
