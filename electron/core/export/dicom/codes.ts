// Every standard coded concept the DICOM exports write, in one place, with where it was checked.
//
// Sources:
// - PS3.16: pydicom 2.3.1 pydicom/sr/_concepts_dict.py and _cid_dict.py (generated from DICOM
//   PS3.16; Debian python3-pydicom on this machine), looked up by code value and CID.
// - HDSR: highdicom's TID 1500 test document ../shared/dicom/highdicom/sr_document_with_multiple_groups.dcm
//   (dsrdump +Pc), and ImagingDataCommons/highdicom src/highdicom/sr/templates.py.
// - UCUM: the unit codes of CID 7181 / 7460 in PS3.16 (above); "{score}" is UCUM's annotation
//   syntax for a dimensionless count, as public TID 1500 writers use it.

/** A coded concept as DICOM writes it (Code Sequence Macro, PS3.3 Table 8.8-1). */
export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

const code = (value: string, scheme: string, meaning: string): Code => ({ value, scheme, meaning });

/** DCM (PS3.16 Annex D) and SNOMED CT concepts of TID 1500/1501/300 and TID 1001-1004. */
export const SR = {
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'), // CID 7021
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  englishUS: code('en-US', 'RFC5646', 'English (United States)'), // HDSR
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'), // CID 270
  device: code('121007', 'DCM', 'Device'), // CID 270
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  personObserverLoginName: code('128774', 'DCM', "Person Observer's Login Name"),
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  findingCategory: code('276214006', 'SCT', 'Finding category'), // HDSR
  morphologicallyAbnormalStructure: code('49755003', 'SCT', 'Morphologically Abnormal Structure'), // CID 7150
  finding: code('121071', 'DCM', 'Finding'),
  neoplasmSecondary: code('14799000', 'SCT', 'Neoplasm, Secondary'), // CID 7151, 7159, 7194
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  laterality: code('272741003', 'SCT', 'Laterality'),
  left: code('7771000', 'SCT', 'Left'), // CID 245
  right: code('24028007', 'SCT', 'Right'), // CID 245
  median: code('130290', 'DCM', 'Median'), // CID 245
  measurementMethod: code('370129005', 'SCT', 'Measurement Method'),
  longAxis: code('103339001', 'SCT', 'Long Axis'), // CID 7470
  imageRegion: code('111030', 'DCM', 'Image Region'),
  sourceOfMeasurement: code('121112', 'DCM', 'Source of Measurement'),
  yes: code('373066001', 'SCT', 'Yes'), // CID 230
  no: code('373067005', 'SCT', 'No'), // CID 230
  valueUnknown: code('114010', 'DCM', 'Value unknown'), // CID 42
  algorithmName: code('111001', 'DCM', 'Algorithm Name'), // TID 4019
  algorithmVersion: code('111003', 'DCM', 'Algorithm Version'), // TID 4019
} as const satisfies Record<string, Code>;

/** Procedure reported (CID 100) by modality; other modalities report no procedure code. */
export const PROCEDURE_BY_MODALITY: Readonly<Record<string, Code>> = {
  CT: code('25045-6', 'LN', 'CT unspecified body region'),
  MR: code('25056-3', 'LN', 'MRI unspecified body region'),
};

/** UCUM units. */
export const UNITS = {
  mm: code('mm', 'UCUM', 'millimeter'),
  mm2: code('mm2', 'UCUM', 'square millimeter'),
  mm3: code('mm3', 'UCUM', 'cubic millimeter'),
  percent: code('%', 'UCUM', 'Percent'),
  degree: code('deg', 'UCUM', 'Degree'),
  hounsfield: code("[hnsf'U]", 'UCUM', 'Hounsfield Unit'),
  noUnits: code('1', 'UCUM', 'no units'),
  // A figure measured where the viewer knows no Pixel Spacing: UCUM has no pixel, so it is a pure
  // number named in pixels, as Cornerstone's SR adapter (dcmjs) writes "px" and "px²".
  pixels: code('1', 'UCUM', 'pixels'),
  squarePixels: code('1', 'UCUM', 'square pixels'),
  score: code('{score}', 'UCUM', 'score'),
} as const satisfies Record<string, Code>;

/** Segmentation (PS3.3 C.8.20) and derivation codes. */
export const SEG = {
  segmentation: code('113076', 'DCM', 'Segmentation'), // CID 7203, Derivation Code
  sourceImageForProcessing: code('121322', 'DCM', 'Source image for image processing operation'), // CID 7202
} as const satisfies Record<string, Code>;

/** De-identification methods (CID 7050). */
export const DEID = {
  basicProfile: code('113100', 'DCM', 'Basic Application Confidentiality Profile'),
  modifiedDates: code('113107', 'DCM', 'Retain Longitudinal Temporal Information Modified Dates Option'),
} as const satisfies Record<string, Code>;

/** UID types (CID 10001). */
export const UID_TYPES = {
  seriesInstanceUid: code('112002', 'DCM', 'Series Instance UID'),
} as const satisfies Record<string, Code>;
