import { createHash } from 'node:crypto';
import type { NaturalizedDataset } from 'dcmjs';
import { encodeDataset } from '../dicom/export-file';

/**
 * The dataset with a SOP Instance UID derived from its name and its content: exporting the same
 * findings again gives the same UID, while an SR or SEG whose content changed (a lesion edited, dates
 * shifted differently) gets a new one, as DICOM requires of a different object.
 * @param derive - the export's keyed UID of a name
 */
export function withContentUid(dataset: NaturalizedDataset, name: string, derive: (name: string) => string): NaturalizedDataset {
  // The UID itself cannot be part of what it is derived from: a fixed stand-in takes its place.
  const digest = createHash('sha256').update(encodeDataset({ ...dataset, SOPInstanceUID: '0' })).digest('hex');
  return { ...dataset, SOPInstanceUID: derive(`${name}:${digest}`) };
}
