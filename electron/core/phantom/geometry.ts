import type { GeometryTruth } from './ground-truth';

/** The width of the field both thighs need, in mm (about 512 x 0.7). */
export const FIELD_OF_VIEW_MM = 358.4;

/** Axial slices with rows along +y and columns along +x (image right = patient left). */
export const AXIAL_ORIENTATION: [number, number, number, number, number, number] = [1, 0, 0, 0, 1, 0];

/** What a caller may set about the image grid; everything else follows. */
export interface GridOptions {
  rows?: number;
  columns?: number;
  pixelSpacingMm?: number;
  sliceCount?: number;
  sliceThicknessMm?: number;
  sliceSpacingMm?: number;
  firstSliceZMm?: number;
}

/** Resolves grid options into the full geometry; the field is centred on x = y = 0. */
export function resolveGeometry(options: GridOptions): GeometryTruth {
  const rows = options.rows ?? 512;
  const columns = options.columns ?? 512;
  // Scale the spacing with the matrix so that any matrix still holds both thighs.
  // Rounded to a nanometre so that the DS text in the files is the same number.
  const spacing = Math.round((options.pixelSpacingMm ?? FIELD_OF_VIEW_MM / Math.max(rows, columns)) * 1e6) / 1e6;
  const sliceCount = options.sliceCount ?? 160;
  const sliceSpacingMm = options.sliceSpacingMm ?? options.sliceThicknessMm ?? 1.25;
  const sliceThicknessMm = options.sliceThicknessMm ?? sliceSpacingMm;
  const firstSliceZMm = options.firstSliceZMm ?? -((sliceCount - 1) * sliceSpacingMm) / 2;
  if (![rows, columns, sliceCount].every((n) => Number.isInteger(n) && n > 0)) {
    throw new RangeError('rows, columns and sliceCount must be positive integers');
  }
  if (!(spacing > 0 && sliceSpacingMm > 0 && sliceThicknessMm > 0)) {
    throw new RangeError('spacings and thickness must be positive');
  }
  const slicePositionsZMm = Array.from({ length: sliceCount }, (_, k) => roundMm(firstSliceZMm + k * sliceSpacingMm));
  return {
    rows,
    columns,
    pixelSpacingMm: [spacing, spacing],
    sliceThicknessMm,
    sliceSpacingMm,
    sliceCount,
    firstSliceZMm: slicePositionsZMm[0] ?? firstSliceZMm,
    imageOrientationPatient: AXIAL_ORIENTATION,
    firstImagePositionPatient: [(-(columns - 1) / 2) * spacing, (-(rows - 1) / 2) * spacing, slicePositionsZMm[0] ?? firstSliceZMm],
    slicePositionsZMm,
  };
}

/** Patient x (mm) of the centre of pixel column `column`. */
export function pixelX(geometry: Pick<GeometryTruth, 'columns' | 'pixelSpacingMm'>, column: number): number {
  return (column - (geometry.columns - 1) / 2) * geometry.pixelSpacingMm[1];
}

/** Patient y (mm) of the centre of pixel row `row`. */
export function pixelY(geometry: Pick<GeometryTruth, 'rows' | 'pixelSpacingMm'>, row: number): number {
  return (row - (geometry.rows - 1) / 2) * geometry.pixelSpacingMm[0];
}

/** Rounds a position to a micrometre so that z values print and compare cleanly. */
export function roundMm(value: number): number {
  return Math.round(value * 1000) / 1000;
}

