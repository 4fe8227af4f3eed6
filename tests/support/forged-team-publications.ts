import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import type { OrthancServer } from './orthanc-server';
import { encodeDataset } from '../../electron/core/export/dicom/export-file';
import { findingsDocument } from '../../electron/core/pacs/findings-document';
import type { FindingsSnapshot } from '../../electron/core/pacs/publication-snapshot';
import type { StudyContext } from '../../electron/core/pacs/team-study-context';
import { derivedUid, teamSeriesUid } from '../../electron/core/pacs/team-identity';

// Publications of the team as anyone able to STOW to the PACS could make them: the app's own
// document builder, given content and numbers of the test's choosing, stored on a real Orthanc.

/** The study the forged publications are about (none of the receiving workstation's images). */
export const FORGED_STUDY = '1.2.826.0.1.3680043.10.77';

/** The images the drawings name, as the sender says they are: one-frame CT images of the drawings' series. */
const drawnImages = (annotations: readonly Annotation[]) =>
  new Map(annotations.flatMap((a) => (a.sopInstanceUid === null ? [] : [[a.sopInstanceUid, { sopClassUid: CT_IMAGE_STORAGE, seriesInstanceUid: a.seriesInstanceUid, frames: 1, pixelPlane: null, spacingPlane: 'patient' as const }] as const])));
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

const studyContext = (studyInstanceUid: string, patient: { name: string; id: string }, annotations: readonly Annotation[] = []): StudyContext => ({
  header: {
    PatientName: patient.name, PatientID: patient.id, PatientBirthDate: '', PatientSex: '', StudyInstanceUID: studyInstanceUid, StudyDate: '20250301', StudyTime: '',
    ReferringPhysicianName: '', StudyID: '', AccessionNumber: '',
  },
  instances: drawnImages(annotations),
  modality: 'CT',
});

/** Who a forged document says published it and as which version; `instanceNumber` and `deviceSerialNumber` default to what the app writes. */
export interface ForgedPlace {
  /** The study (FORGED_STUDY unless given). */
  study?: string;
  workstation: { id: string; name: string };
  reader: { initials: string; name: string };
  version: number;
  instanceNumber?: number;
  /** Its Series Instance UID, when not the reader's series on its study. */
  seriesInstanceUid?: string;
  /** The patient its header names (ROE^RITA, P-77 unless given). */
  patient?: { name: string; id: string };
  /** What QIDO-RS answers as the instance's workstation (Device Serial Number), when it is not the one the content names. */
  deviceSerialNumber?: string;
}

/** The Part 10 bytes of a findings document holding these lesions (and drawings). */
export function forgedFindings(place: ForgedPlace, lesions: Lesion[], annotations: Annotation[] = []): Buffer {
  const studyInstanceUid = place.study ?? FORGED_STUDY;
  const snapshot: FindingsSnapshot = {
    kind: 'findings',
    studyInstanceUid,
    reader: place.reader,
    workstation: place.workstation,
    version: place.version,
    instanceNumber: place.instanceNumber ?? place.version,
    seriesInstanceUid: place.seriesInstanceUid ?? teamSeriesUid(studyInstanceUid, place.reader),
    sopInstanceUid: derivedUid('forged', studyInstanceUid, place.workstation.id, place.reader.initials, String(place.version), JSON.stringify(annotations.length > 0 ? [lesions, annotations] : lesions)),
    at: '2025-03-01T10:00:00.000Z',
    predecessor: null,
    lesions,
    annotations,
    withdrawn: [],
  };
  const dataset = findingsDocument(snapshot, studyContext(studyInstanceUid, place.patient ?? { name: 'ROE^RITA', id: 'P-77' }, annotations), '0.1.0-forged') as unknown as Record<string, unknown>;
  if (place.deviceSerialNumber !== undefined) dataset.DeviceSerialNumber = place.deviceSerialNumber;
  return encodeDataset(dataset as never);
}

/** Stores Part 10 bytes on the Orthanc as any DICOM sender could (its REST upload). */
export async function storeOnOrthanc(orthanc: OrthancServer, bytes: Buffer): Promise<void> {
  const response = await fetch(`${orthanc.httpUrl}/instances`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'Content-Type': 'application/dicom' } });
  if (!response.ok) throw new Error(`Orthanc refused a forged publication: HTTP ${response.status} ${await response.text()}`);
}

/** Part 10 bytes (Explicit VR Little Endian) with a private sequence (7FE1,1010) nested `depth` deep after the last element. */
export function withNestedSequences(bytes: Buffer, depth: number): Buffer {
  const open = Buffer.from([0xe1, 0x7f, 0x10, 0x10, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff]);
  const close = Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  return Buffer.concat([bytes, ...Array<Buffer>(depth).fill(open), ...Array<Buffer>(depth).fill(close)]);
}
