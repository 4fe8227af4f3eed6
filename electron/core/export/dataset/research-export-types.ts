import type { Unsegmented } from '../seg/plan-segmentations';

/** What a research dataset export is asked for. */
export interface ResearchExportOptions {
  studyInstanceUids: readonly string[];
  /** A new or empty folder. */
  outDir: string;
  /** Retain Longitudinal Temporal Information with Modified Dates: shift dates per patient instead of removing them. */
  dateShift: boolean;
  /** Also write a NIfTI image of every series, with a label map where lesions have masks. */
  nifti: boolean;
  appVersion: string;
  now?: Date;
}

/** Where an export is, for a progress bar. */
export interface ExportProgress {
  phase: 'images' | 'derived' | 'nifti' | 'done';
  studiesDone: number;
  studiesTotal: number;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Progress callback and cancel flag, checked between files. */
export interface ExportHooks {
  onProgress?: (progress: ExportProgress) => void;
  isCancelled?: () => boolean;
}

/** Something the export left out or flagged, for the README and the caller. */
export interface ExportNote {
  /** A path in the export, or a source description. */
  subject: string;
  reason: string;
}

/** What a finished export wrote. */
export interface ResearchExportResult {
  exportId: number;
  outDir: string;
  patients: { pseudonym: string; studies: number }[];
  imageFiles: number;
  segFiles: number;
  srFiles: number;
  niftiFiles: number;
  lesions: number;
  bytesRead: number;
  bytesWritten: number;
  seconds: number;
  burnedInReview: ExportNote[];
  skipped: ExportNote[];
  niftiSkipped: ExportNote[];
  /** Label-map labels of which later lesions' areas took voxels: the SEG keeps both, the map one. */
  labelOverlaps: ExportNote[];
  unsegmented: (Unsegmented & { study: string })[];
  /**
   * Studies that could not be exported (a file changed since import, no image): nothing of them is in
   * the dataset. `folder` is where the study would have been; the error names it for the exporting user only.
   */
  failedStudies: { studyInstanceUid: string; folder: string; error: unknown }[];
  /** Every file the export wrote, relative to `outDir`: only these are the export's, whatever else the folder holds. */
  files: string[];
}
