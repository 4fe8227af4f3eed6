import dcmjs from 'dcmjs';
import type { NaturalizedDataset } from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/** Encodes a File Meta header and a dataset (both naturalized) as Part 10 bytes. */
export function encodePart10(meta: NaturalizedDataset, dataset: NaturalizedDataset): Buffer {
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(dict.write());
}
