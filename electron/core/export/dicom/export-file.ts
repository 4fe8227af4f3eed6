import type { NaturalizedDataset } from 'dcmjs';
import { denaturalize, encodePart10Dict } from './part10-io';
import { EXPLICIT_VR_LITTLE_ENDIAN, EXPORT_IMPLEMENTATION_CLASS_UID, EXPORT_IMPLEMENTATION_VERSION_NAME } from './uids';

/** The File Meta Information of an object the exports write (PS3.10 7.1), keyword-keyed. */
export function exportFileMeta(sopClassUid: string, sopInstanceUid: string, transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN): NaturalizedDataset {
  return {
    FileMetaInformationVersion: [new Uint8Array([0, 1]).buffer],
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: EXPORT_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: EXPORT_IMPLEMENTATION_VERSION_NAME,
    _vrMap: { FileMetaInformationVersion: 'OB' },
  };
}

/** Part 10 bytes (Explicit VR Little Endian) of a keyword-keyed dataset with SOP Class and Instance UIDs. */
export function encodeDataset(dataset: NaturalizedDataset): Buffer {
  const sopClass = dataset.SOPClassUID;
  const sopInstance = dataset.SOPInstanceUID;
  if (typeof sopClass !== 'string' || typeof sopInstance !== 'string') throw new Error('dataset has no SOP Class/Instance UID');
  return encodePart10Dict(denaturalize(exportFileMeta(sopClass, sopInstance)), denaturalize(dataset));
}
