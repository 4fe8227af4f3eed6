import path from 'node:path';
import type Database from 'better-sqlite3';
import { encodeDataset } from '../dicom/export-file';
import { writeExportFile } from '../write-export-file';
import { buildMeasurementReport } from './measurement-report';
import { loadReportInputs, type ReportSourceOptions } from './report-source';

/** One SR file written. */
export interface WrittenReport {
  file: string;
  reader: string;
  sopInstanceUid: string;
  lesionCount: number;
}

/** A file-name-safe form of reader initials. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_') || 'reader';
}

/**
 * Writes the TID 1500 Measurement Report(s) of a study into a folder: one Comprehensive 3D SR per
 * reader who marked lesions in it (or only `options.reader`'s).
 * @returns the files written
 */
export function exportMeasurementReports(db: Database.Database, studyInstanceUid: string, outDir: string, options: ReportSourceOptions): WrittenReport[] {
  return loadReportInputs(db, studyInstanceUid, options).map((input) => {
    const file = path.join(outDir, `SR-${safe(input.observer?.initials ?? 'reader')}-${input.sopInstanceUid}.dcm`);
    writeExportFile(file, encodeDataset(buildMeasurementReport(input)));
    return { file, reader: input.observer?.initials ?? '', sopInstanceUid: input.sopInstanceUid, lesionCount: input.lesions.length };
  });
}
