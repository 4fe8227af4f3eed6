/**
 * DICOM CID 29 "Acquisition Modality" (with CID 34, the waveform acquisitions it includes): the
 * Modality (0008,0060) values of orderable acquisitions, as DICOM PS3.16 (2023) lists them. R4
 * ImagingStudy.modality lists a study's series modalities that are in it, so that the SR, SEG, KO
 * and PR series an export or a PACS adds are not taken for ways the patient was imaged.
 */
const ACQUISITION_MODALITIES: ReadonlySet<string> = new Set([
  'AR', 'BI', 'BMD', 'CR', 'CT', 'CFM', 'DMS', 'DG', 'DX', 'ES', 'XC', 'GM', 'IO', 'IVOCT', 'IVUS', 'KER', 'LS', 'LEN', 'MR',
  'MG', 'NM', 'OAM', 'OPM', 'OP', 'OPT', 'OPTBSV', 'OPTENF', 'OPV', 'OCT', 'OSS', 'PX', 'PA', 'PT', 'RF', 'RG', 'RTIMAGE',
  'SM', 'SRF', 'TG', 'US', 'BDUS', 'VA', 'XA',
  'EPS', 'ECG', 'EEG', 'EMG', 'EOG', 'HD', 'POS', 'RESP',
]);

/** Whether a Modality value names an acquisition (CID 29), not a derived object such as SR or SEG. */
export function isAcquisitionModality(modality: string): boolean {
  return ACQUISITION_MODALITIES.has(modality.trim().toUpperCase());
}
