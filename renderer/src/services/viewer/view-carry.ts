import type { Types } from '@cornerstonejs/core';
import { cross, dot, subtract } from '@shared/geometry/vector3';
import { looksAlong } from './plane-camera';
import type { SeriesStack } from './series-stack';
import { applyWindow, currentWindow, type Window } from './view-actions';

type Core = typeof import('@cornerstonejs/core');
type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/** How a series looked to the reader: the window (a preset or their own) and polarity. */
export interface CarriedDisplay {
  window: Window | null;
  invert: boolean;
}

/**
 * How a reader left a series when the layout changed between its stack and its reformat: the
 * window (a preset or their own), polarity, and where they were, so that the other layout opens
 * on the same slice with the same look.
 */
export interface CarriedView extends CarriedDisplay {
  /** The focal point of the acquisition plane's view (world, mm); null when unknown. */
  point: Types.Point3 | null;
  /** The 0-based stack slice that holds the point (or the slice shown). */
  sliceIndex: number;
}

/** One viewport showing the series: its camera and display, and whether it looks along the slices. */
export interface ShownView {
  viewport: AnyViewport;
  kind: 'stack' | 'orthographic';
}

/** The normal of a series' slices (row x column direction cosines), or null without orientation. */
function sliceNormal(stack: SeriesStack): Types.Point3 | null {
  const orientation = stack.instances.find((i) => i.imageOrientationPatient)?.imageOrientationPatient;
  return orientation ? cross(orientation.slice(0, 3), orientation.slice(3, 6)) : null;
}

/**
 * The stack slice nearest to a world point, along the series' slice normal.
 * @param stack - the series in spatial order
 * @param point - a world point (mm)
 * @returns a 0-based index into stack.slices, or null when the slices have no positions
 */
export function nearestSliceIndex(stack: SeriesStack, point: Types.Point3): number | null {
  const normal = sliceNormal(stack);
  if (!normal) return null;
  const byId = new Map(stack.instances.map((i) => [i.id, i]));
  let best: number | null = null;
  let bestDistance = Infinity;
  stack.slices.forEach((slice, k) => {
    const position = byId.get(slice.instanceId)?.imagePositionPatient;
    if (!position) return;
    const distance = Math.abs(dot(subtract(position, point), normal));
    if (distance < bestDistance) [best, bestDistance] = [k, distance];
  });
  return best;
}

/**
 * The window and polarity a viewport shows now.
 * @param cs - the core module
 * @param viewport - a viewport showing an image
 */
export function displayOf(cs: Core, viewport: AnyViewport): CarriedDisplay {
  const { invert } = (viewport.getProperties() ?? {}) as { invert?: boolean };
  return { window: currentWindow(cs, viewport), invert: Boolean(invert) };
}

/**
 * Reads how a series is shown now. Window and polarity come from `lead` (the viewport the reader
 * works in); the position from a view that looks along the series' slices (the stack, or the
 * reformat plane parallel to them), else from the lead.
 * @param cs - the core module
 * @param stack - the series
 * @param lead - the viewport the reader works in
 * @param views - every rendered viewport showing the series
 */
export function captureView(cs: Core, stack: SeriesStack, lead: ShownView, views: readonly ShownView[]): CarriedView {
  const normal = sliceNormal(stack);
  const alongSlices = (view: ShownView) => {
    const cameraNormal = view.viewport.getCamera().viewPlaneNormal;
    return view.kind === 'stack' || (normal !== null && cameraNormal !== undefined && looksAlong(cameraNormal, normal));
  };
  const plane = alongSlices(lead) ? lead : (views.find(alongSlices) ?? lead);
  const point = plane.viewport.getCamera().focalPoint ?? null;
  const shownIndex = plane.kind === 'stack' ? (plane.viewport as Types.IStackViewport).getCurrentImageIdIndex() : null;
  return {
    ...displayOf(cs, lead.viewport),
    point,
    sliceIndex: shownIndex ?? (point ? nearestSliceIndex(stack, point) : null) ?? 0,
  };
}

/**
 * Shows a carried window and polarity on a viewport (its position is the caller's: a stack opens
 * on the slice, a reformat moves its focal plane).
 * Also how a series left for another comes back.
 * @param cs - the core module
 * @param viewport - the viewport, showing its first image
 * @param view - what was carried
 */
export function applyCarriedDisplay(cs: Core, viewport: AnyViewport, view: CarriedDisplay): void {
  viewport.setProperties({ invert: view.invert });
  if (view.window) applyWindow(cs, viewport, view.window);
  else viewport.render();
}
