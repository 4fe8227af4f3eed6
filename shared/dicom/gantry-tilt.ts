import { cross, dot, subtract } from '../geometry/vector3';
import { positionQuanta, roundingErrorAlong } from './position-precision';

/** Images placed farther than this off the line of the stack (in pixels) mean a gantry tilt. */
const IN_PLANE_TOLERANCE_PX = 0.1;

/**
 * Whether a stack's slices shift within their own plane from one to the next (a gantry tilt: the
 * slices advance along the table, not along their tilted normal) beyond what the rounding of
 * written positions explains. A volume built along the normal would put each slice off by its shift.
 * @param positions - each slice's Image Position (Patient), in stack order
 * @param orientation - the slices' Image Orientation (Patient)
 * @param pixelSpacing - Pixel Spacing: between rows, then columns (mm)
 */
export function gantryTilted(positions: readonly (readonly number[])[], orientation: readonly number[], pixelSpacing: readonly [number, number]): boolean {
  const rowDir = orientation.slice(0, 3);
  const columnDir = orientation.slice(3, 6);
  if (positions.length < 2 || length3(cross(rowDir, columnDir)) === 0) return false;
  const [rowSpacing, columnSpacing] = pixelSpacing;
  // Positions written with few decimals (0.1 mm) move a slice in plane by up to their rounding, which is no tilt.
  const quanta = positionQuanta(positions);
  const alongRow = IN_PLANE_TOLERANCE_PX * columnSpacing + 2 * roundingErrorAlong(quanta, rowDir);
  const alongColumn = IN_PLANE_TOLERANCE_PX * rowSpacing + 2 * roundingErrorAlong(quanta, columnDir);
  return positions.some((position) => {
    const offset = subtract(position, positions[0]!);
    return Math.abs(dot(offset, rowDir)) > alongRow || Math.abs(dot(offset, columnDir)) > alongColumn;
  });
}

const length3 = (v: readonly number[]) => Math.hypot(v[0]!, v[1]!, v[2]!);
