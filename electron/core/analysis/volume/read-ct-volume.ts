import { AppError } from '@shared/errors';
import type { AnalysisHooks } from '../analysis-hooks';
import type { CtSeriesSource } from './ct-series-source';
import { forgetParsedFile, readCtSlice } from './read-ct-slice';
import type { Volume } from './volume';

/** The share of the whole job that reading the series takes, for progress. */
export const READING_SHARE = 0.3;

/** Reads every slice of a CT series into one HU volume, reporting progress and stopping when cancelled. */
export function readCtVolume(source: CtSeriesSource, hooks: AnalysisHooks): Volume {
  const plane = source.rows * source.columns;
  let hu: Int16Array;
  try {
    hu = new Int16Array(plane * source.files.length);
  } catch {
    throw new AppError('unsupported', `This series is too large to analyse here (${source.files.length} slices of ${source.columns} x ${source.rows}).`);
  }
  // An enhanced CT's frames share one parse within this reading, never with an earlier one.
  forgetParsedFile();
  try {
    source.files.forEach((file, k) => {
      hooks.checkCancelled();
      if (k % 8 === 0) hooks.progress('reading', (READING_SHARE * k) / source.files.length);
      readCtSlice(file, source.rows, source.columns, hu, k * plane);
    });
  } finally {
    forgetParsedFile();
  }
  return {
    hu,
    columns: source.columns,
    rows: source.rows,
    slices: source.files.length,
    origin: source.origin,
    rowDir: source.rowDir,
    columnDir: source.columnDir,
    sliceDir: source.sliceDir,
    spacing: source.spacing,
  };
}
