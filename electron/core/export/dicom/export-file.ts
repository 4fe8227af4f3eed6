import type { NaturalizedDataset } from 'dcmjs';
import { denaturalize, encodePart10Dict } from './part10-io';
import { EXPLICIT_VR_LITTLE_ENDIAN, EXPORT_IMPLEMENTATION_CLASS_UID, EXPORT_IMPLEMENTATION_VERSION_NAME } from './uids';

// The one Part 10 writer of the app: the exports and the phantom generator (a synthetic scanner,
// with its own implementation UID) both write their files through it.

/** Who wrote a file, as its File Meta says (PS3.7 D.3.3.2). */
export interface Implementation {
  classUid: string;
  versionName: string;
}

/** What the exports write as (fixed, not per file). */
export const EXPORT_IMPLEMENTATION: Implementation = { classUid: EXPORT_IMPLEMENTATION_CLASS_UID, versionName: EXPORT_IMPLEMENTATION_VERSION_NAME };

/** The File Meta Information of a file (PS3.10 7.1), keyword-keyed. */
export function fileMeta(sopClassUid: string, sopInstanceUid: string, implementation: Implementation, transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN): NaturalizedDataset {
  return {
    FileMetaInformationVersion: [new Uint8Array([0, 1]).buffer],
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: implementation.classUid,
    ImplementationVersionName: implementation.versionName,
    _vrMap: { FileMetaInformationVersion: 'OB' },
  };
}

/** The File Meta Information of an object the exports write. */
export function exportFileMeta(sopClassUid: string, sopInstanceUid: string, transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN): NaturalizedDataset {
  return fileMeta(sopClassUid, sopInstanceUid, EXPORT_IMPLEMENTATION, transferSyntaxUid);
}

/** Part 10 bytes of a keyword-keyed File Meta and dataset, in the meta's transfer syntax. */
export function encodePart10(meta: NaturalizedDataset, dataset: NaturalizedDataset): Buffer {
  return encodePart10Dict(denaturalize(meta), denaturalize(dataset));
}

/** Part 10 bytes (Explicit VR Little Endian) of a keyword-keyed dataset with SOP Class and Instance UIDs, as the exports write it. */
export function encodeDataset(dataset: NaturalizedDataset): Buffer {
  const sopClass = dataset.SOPClassUID;
  const sopInstance = dataset.SOPInstanceUID;
  if (typeof sopClass !== 'string' || typeof sopInstance !== 'string') throw new Error('dataset has no SOP Class/Instance UID');
  return encodePart10(exportFileMeta(sopClass, sopInstance), dataset);
}
