import { dot, length, scale } from '@shared/geometry/vector3';

/** The patient directions at the middle of each edge of a viewport or key image, as PACS show them (e.g. R, L, A, P). */
export interface EdgeMarkers {
  left: string;
  right: string;
  top: string;
  bottom: string;
}

/**
 * What the world axes of a viewport mean for the patient: DICOM patient coordinates (LPS, when the
 * image has an Image Orientation), or the two Patient Orientation (0020,0020) strings of a
 * radiograph, which name the directions of its rows and columns only.
 */
export type OrientationBasis = { kind: 'patient' } | { kind: 'radiograph'; row: string; column: string };

/** A direction's letter and its opposite, per DICOM PS3.3 C.7.6.1.1.1. */
const OPPOSITE: Record<string, string> = { L: 'R', R: 'L', A: 'P', P: 'A', H: 'F', F: 'H' };

/** Components smaller than this (of a unit vector) are rounding, not obliquity. */
const NEGLIGIBLE = 1e-3;

/**
 * The opposite of a direction string letter by letter ("LP" → "RA").
 * @param letters - letters of L, R, A, P, H, F
 */
export function oppositeLetters(letters: string): string {
  return [...letters].map((letter) => OPPOSITE[letter] ?? '').join('');
}

/**
 * Patient Orientation (0020,0020) as two direction strings, or null when absent or not made of
 * the six DICOM letters (a value a reader could not trust).
 * @param value - the element's text, e.g. "L\\F"
 */
export function parsePatientOrientation(value: string | undefined | null): { row: string; column: string } | null {
  const parts = (value ?? '').split('\\').map((part) => part.trim().toUpperCase());
  if (parts.length !== 2 || parts.some((part) => !/^[LRAPHF]{1,3}$/.test(part))) return null;
  return { row: parts[0]!, column: parts[1]! };
}

/** Per axis: the letters of its positive direction. */
function axisLetters(basis: OrientationBasis): [string, string, string] {
  return basis.kind === 'patient' ? ['L', 'P', 'H'] : [basis.row, basis.column, ''];
}

/**
 * The letters of a world direction, strongest component first (an oblique edge reads "LA").
 * @param direction - a world vector (any length)
 * @param basis - what the world axes mean for the patient
 */
export function directionLetters(direction: readonly number[], basis: OrientationBasis): string {
  const size = length(direction);
  if (!(size > 0)) return '';
  const unit = scale(direction, 1 / size);
  const positive = axisLetters(basis);
  return [0, 1, 2]
    .filter((axis) => Math.abs(unit[axis]!) > NEGLIGIBLE && positive[axis] !== '')
    .sort((a, b) => Math.abs(unit[b]!) - Math.abs(unit[a]!))
    .map((axis) => (unit[axis]! > 0 ? positive[axis]! : oppositeLetters(positive[axis]!)))
    .join('');
}

/**
 * The four edge markers of a viewport from where its screen's right and down point in the world
 * (after any flip or rotation the reader applied), or null when they cannot be named.
 * @param right - world direction of the screen's +x
 * @param down - world direction of the screen's +y
 * @param basis - what the world axes mean for the patient
 */
export function edgeMarkers(right: readonly number[], down: readonly number[], basis: OrientationBasis): EdgeMarkers | null {
  const toRight = directionLetters(right, basis);
  const toBottom = directionLetters(down, basis);
  if (!toRight || !toBottom || Math.abs(dot(right, down)) > NEGLIGIBLE * length(right) * length(down)) return null;
  return { left: oppositeLetters(toRight), right: toRight, top: oppositeLetters(toBottom), bottom: toBottom };
}
