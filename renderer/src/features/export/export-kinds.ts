import type { MenuExportKind } from '@shared/export/export-job';

/** What each export is called in the menu and the dialog, and what it writes. */
export const EXPORT_KINDS: Record<MenuExportKind, { label: string; writes: string }> = {
  referral: { label: 'Referral packet (PDF)', writes: 'referral.pdf: flagged lesions, scores with their reasons, key images' },
  sr: { label: 'DICOM SR (TID 1500)', writes: 'one Measurement Report per reader, readable by any PACS or OHIF' },
  seg: { label: 'DICOM SEG (lesion areas)', writes: 'one Segmentation per series with the areas drawn on the lesions; lesions without an area are named' },
  fhir: { label: 'FHIR R4 bundle', writes: 'referral-bundle.fhir.json with the packet PDF as the report' },
  csv: { label: 'Lesion table (CSV)', writes: 'lesions.csv and its column schema' },
  json: { label: 'Lesion table (JSON)', writes: 'lesions.json and its column schema' },
  dataset: { label: 'Research dataset', writes: 'de-identified images (PS3.15 Basic Profile), SEG, SR, manifest and README' },
  stow: { label: 'Send SR to PACS', writes: 'the SR, sent to the configured PACS by STOW-RS; no file is kept' },
};
