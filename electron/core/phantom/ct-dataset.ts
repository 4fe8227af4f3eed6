import type { NaturalizedDataset } from 'dcmjs';
import { fileMeta } from '../export/dicom/export-file';
import { AXIAL_ORIENTATION } from './geometry';
import { formatDs } from './dicom-text';
import { RESCALE_INTERCEPT } from './slice-image';
import {
  CT_IMAGE_STORAGE,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from './uid';

/** What all slices of one series share. */
export interface SeriesContext {
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: 'M' | 'F' | 'O' | '';
  studyInstanceUid: string;
  studyDate: string;
  studyTime: string;
  studyId: string;
  accessionNumber: string;
  studyDescription: string;
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  frameOfReferenceUid: string;
  rows: number;
  columns: number;
  pixelSpacingMm: readonly [number, number];
  sliceThicknessMm: number;
  sliceSpacingMm: number;
}

/** What differs from slice to slice; strings are written as given (DS/IS text). */
export interface InstanceFields {
  sopInstanceUid: string;
  instanceNumber: string;
  imagePositionPatient: readonly [string, string, string];
  sliceLocation: string;
  /** Little-endian unsigned 16-bit stored values, rows x columns. */
  pixelData: ArrayBuffer;
}

/** The Part 10 File Meta Information for one CT instance. */
export function ctFileMeta(sopInstanceUid: string): NaturalizedDataset {
  return fileMeta(CT_IMAGE_STORAGE, sopInstanceUid, { classUid: IMPLEMENTATION_CLASS_UID, versionName: IMPLEMENTATION_VERSION_NAME }, EXPLICIT_VR_LITTLE_ENDIAN);
}

/**
 * A CT Image Storage dataset: Patient, General Study, General Series, Frame of Reference,
 * General Equipment, General Image, Image Plane, Image Pixel, CT Image, VOI LUT and SOP Common.
 */
export function ctSliceDataset(series: SeriesContext, instance: InstanceFields): NaturalizedDataset {
  const fieldMm = Math.max(series.rows * series.pixelSpacingMm[0], series.columns * series.pixelSpacingMm[1]);
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['DERIVED', 'SECONDARY', 'AXIAL'],
    InstanceCreationDate: series.studyDate,
    InstanceCreationTime: series.studyTime,
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: instance.sopInstanceUid,
    StudyDate: series.studyDate,
    SeriesDate: series.studyDate,
    ContentDate: series.studyDate,
    StudyTime: series.studyTime,
    SeriesTime: series.studyTime,
    ContentTime: series.studyTime,
    AccessionNumber: series.accessionNumber,
    Modality: 'CT',
    Manufacturer: 'BoneMet Review phantom',
    InstitutionName: 'BoneMet Review',
    ReferringPhysicianName: '',
    StationName: 'PHANTOM',
    StudyDescription: series.studyDescription,
    SeriesDescription: series.seriesDescription,
    ManufacturerModelName: 'Synthetic CT phantom',
    // A DERIVED image says how it was derived.
    DerivationDescription: 'Synthetic image computed from a geometric phantom; not acquired from a patient',
    PatientName: series.patientName,
    PatientID: series.patientId,
    PatientBirthDate: series.patientBirthDate,
    PatientSex: series.patientSex,
    BodyPartExamined: 'THIGH',
    SliceThickness: formatDs(series.sliceThicknessMm),
    KVP: '120',
    SpacingBetweenSlices: formatDs(series.sliceSpacingMm),
    DeviceSerialNumber: 'PHANTOM-0001',
    SoftwareVersions: '0.1.0',
    ReconstructionDiameter: formatDs(fieldMm),
    ConvolutionKernel: 'STANDARD',
    PatientPosition: 'FFS',
    StudyInstanceUID: series.studyInstanceUid,
    SeriesInstanceUID: series.seriesInstanceUid,
    StudyID: series.studyId,
    SeriesNumber: String(series.seriesNumber),
    AcquisitionNumber: '1',
    InstanceNumber: instance.instanceNumber,
    // Row direction +x is patient left, column direction +y is posterior.
    PatientOrientation: ['L', 'P'],
    ImagePositionPatient: [...instance.imagePositionPatient],
    ImageOrientationPatient: AXIAL_ORIENTATION.map(String),
    FrameOfReferenceUID: series.frameOfReferenceUid,
    // Both thighs are in every image.
    ImageLaterality: 'B',
    PositionReferenceIndicator: '',
    SliceLocation: instance.sliceLocation,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: series.rows,
    Columns: series.columns,
    PixelSpacing: series.pixelSpacingMm.map(formatDs),
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    // Stored values are HU + 1024, never negative, so unsigned.
    PixelRepresentation: 0,
    BurnedInAnnotation: 'NO',
    WindowCenter: ['400', '40'],
    WindowWidth: ['1800', '400'],
    WindowCenterWidthExplanation: ['BONE', 'SOFT TISSUE'],
    RescaleIntercept: formatDs(RESCALE_INTERCEPT),
    RescaleSlope: '1',
    RescaleType: 'HU',
    LossyImageCompression: '00',
    PixelData: [instance.pixelData],
    _vrMap: { PixelData: 'OW' },
  };
}
