import { createHash } from 'node:crypto';
import type { DataSet } from 'dicom-parser';
import { displayableText } from '@shared/dicom/displayable-text';
import { DicomUidSchema } from '@shared/dicom/uid';
import { dicomTextDecoder } from '@shared/dicom/text-decoding';
import { daValue } from './date-time-forms';
import { decimalStrings, readSpacingAttributes } from './spacing-attributes';

/** What the index keeps of one instance's header, before it is placed in patient/study/series. */
export interface InstanceHeader {
  patientId: string;
  patientName: string;
  patientBirthDate: string | null;
  patientSex: string;
  studyInstanceUid: string;
  studyDate: string | null;
  studyTime: string;
  accessionNumber: string;
  studyDescription: string;
  seriesInstanceUid: string;
  modality: string;
  seriesNumber: number | null;
  seriesDescription: string;
  bodyPart: string;
  frameOfReferenceUid: string | null;
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  instanceNumber: number | null;
  rows: number | null;
  columns: number | null;
  frames: number | null;
  pixelSpacing: [number, number] | null;
  /** Imager Pixel Spacing (0018,1164), Pixel Spacing Calibration Type (0028,0A02) and Estimated Radiographic Magnification Factor (0018,1114): where a projection image's spacing lies (measurementSpacing). */
  imagerPixelSpacing: [number, number] | null;
  pixelSpacingCalibrationType: string | null;
  magnificationFactor: number | null;
  sliceThickness: number | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  hasPixelData: boolean;
}

/** The outcome of reading identifiers from a dataset: a header, or why it cannot be indexed. */
export type HeaderExtraction = { ok: true; header: InstanceHeader } | { ok: false; reason: string };

/** Reads the indexed attributes of one dataset, decoding text in its Specific Character Set. */
export function extractInstanceHeader(dataSet: DataSet): HeaderExtraction {
  const decode = dicomTextDecoder(dataSet.string('x00080005'));
  const text = (tag: string): string => {
    const element = dataSet.elements[tag];
    if (!element || element.length === 0) return '';
    const end = Math.min(element.dataOffset + element.length, dataSet.byteArray.length);
    return displayableText(decode(dataSet.byteArray.subarray(element.dataOffset, end), element.vr === 'PN' || tag === 'x00100010'));
  };
  const uid = (tag: string): string => (dataSet.string(tag) ?? '').replace(/\0/g, '').trim();

  const sopInstanceUid = uid('x00080018') || uid('x00020003');
  const sopClassUid = uid('x00080016') || uid('x00020002');
  const studyInstanceUid = uid('x0020000d');
  const seriesInstanceUid = uid('x0020000e');
  if (!sopInstanceUid) {
    return { ok: false, reason: 'DICOM data set without a SOP Instance UID: there is no instance to index' };
  }
  // The UI names instances, series and studies by UID through the contract, which accepts valid
  // UIDs only: one corrupt UID in the index would make a study that cannot be opened or removed
  // (and, since the renderer checks every answer, a study list that no longer loads).
  const badUid = invalidUid([
    ['SOP Instance UID', sopInstanceUid, true],
    ['Study Instance UID (0020,000D)', studyInstanceUid, false],
    ['Series Instance UID (0020,000E)', seriesInstanceUid, false],
    // A Part 10 file states its syntax; one that is not a UID cannot be known to be the one dicom-parser assumed.
    ['Transfer Syntax UID (0002,0010)', uid('x00020010'), Boolean(dataSet.elements.x00020010)],
  ]);
  if (badUid) return { ok: false, reason: badUid };
  const spacing = readSpacingAttributes(dataSet);

  return {
    ok: true,
    header: {
      patientId: text('x00100020'),
      patientName: text('x00100010'),
      patientBirthDate: isoDate(dataSet.string('x00100030')),
      patientSex: text('x00100040'),
      // Test and secondary-capture files sometimes lack these; a UID derived from the instance keeps them viewable.
      studyInstanceUid: studyInstanceUid || derivedUid('study', sopInstanceUid),
      studyDate: isoDate(dataSet.string('x00080020')),
      studyTime: (dataSet.string('x00080030') ?? '').trim(),
      accessionNumber: text('x00080050'),
      studyDescription: text('x00081030') || (studyInstanceUid ? '' : '(no Study Instance UID in the file)'),
      seriesInstanceUid: seriesInstanceUid || derivedUid('series', sopInstanceUid),
      modality: (dataSet.string('x00080060') ?? '').trim(),
      seriesNumber: integer(dataSet.string('x00200011')),
      seriesDescription: text('x0008103e') || (seriesInstanceUid ? '' : '(no Series Instance UID in the file)'),
      bodyPart: text('x00180015'),
      frameOfReferenceUid: validUidOrNull(uid('x00200052')),
      sopClassUid,
      sopInstanceUid,
      transferSyntaxUid: uid('x00020010') || '1.2.840.10008.1.2',
      instanceNumber: integer(dataSet.string('x00200013')),
      rows: dataSet.elements.x00280010 ? (dataSet.uint16('x00280010') ?? null) : null,
      columns: dataSet.elements.x00280011 ? (dataSet.uint16('x00280011') ?? null) : null,
      frames: positive(integer(dataSet.string('x00280008'))) ?? (dataSet.elements.x7fe00010 ? 1 : null),
      pixelSpacing: spacing.pixelSpacing,
      imagerPixelSpacing: spacing.imagerPixelSpacing,
      pixelSpacingCalibrationType: spacing.pixelSpacingCalibrationType,
      magnificationFactor: spacing.magnificationFactor,
      sliceThickness: decimalStrings(dataSet, 'x00180050', 1)?.[0] ?? null,
      imagePositionPatient: decimalStrings(dataSet, 'x00200032', 3) as [number, number, number] | null,
      imageOrientationPatient: decimalStrings(dataSet, 'x00200037', 6) as InstanceHeader['imageOrientationPatient'],
      hasPixelData: Boolean(dataSet.elements.x7fe00010 ?? dataSet.elements.x7fe00008 ?? dataSet.elements.x7fe00009),
    },
  };
}

/** DICOM DA (YYYYMMDD, or the old YYYY.MM.DD) to YYYY-MM-DD, or null when absent or invalid. */
function isoDate(value: string | undefined): string | null {
  const digits = daValue(value);
  return digits === null ? null : `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}

/** An IS value, or null when absent, not an integer, or outside the IS range (a corrupt value the contract could not carry). */
function integer(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return null;
  const parsed = Number.parseInt(trimmed, 10);
  return parsed >= -(2 ** 31) && parsed < 2 ** 31 ? parsed : null;
}

/** A count that must be at least 1 (Number of Frames), or null. */
function positive(value: number | null): number | null {
  return value !== null && value >= 1 ? value : null;
}

/** The reason for the first UID that is present (or required) but not a valid DICOM UID, or null. */
function invalidUid(uids: [name: string, value: string, required: boolean][]): string | null {
  const bad = uids.find(([, value, required]) => (value !== '' || required) && !DicomUidSchema.safeParse(value).success);
  if (!bad) return null;
  const [name, value] = bad;
  const shown = value === '' ? 'it is empty' : JSON.stringify(value.length > 70 ? `${value.slice(0, 64)}...` : value);
  return `${name} is not a valid DICOM UID (${shown}): the header is corrupt`;
}

/** A UID the index may keep, or null for an absent or corrupt one (an optional attribute). */
function validUidOrNull(value: string): string | null {
  return value && DicomUidSchema.safeParse(value).success ? value : null;
}


/** A stable UID under the 2.25 (UUID-derived) root for a level the file does not name. */
function derivedUid(level: string, sopInstanceUid: string): string {
  const digest = createHash('sha256').update(`${level}:${sopInstanceUid}`).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString(10)}`;
}
