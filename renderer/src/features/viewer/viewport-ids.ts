import type { Orientation } from '../../services/viewer/viewer-session';
import type { Layout } from './ViewerToolbar';

/** How many stack viewports each layout shows. */
export const SLOT_COUNT: Record<Exclude<Layout, 'mpr'>, number> = { '1x1': 1, '1x2': 2, '2x2': 4 };
/** The planes of the 'mpr' layout, in screen order. */
export const PLANES: readonly Orientation[] = ['axial', 'sagittal', 'coronal'];

/** The id of the viewport showing one plane of the reformat. */
export function mprViewportId(orientation: Orientation): string {
  return `mpr-${orientation}`;
}

/** The id of the stack viewport of a slot (0-3, in the order of the 2×2 grid). */
export function stackViewportId(slot: number): string {
  return `vp-${slot}`;
}
