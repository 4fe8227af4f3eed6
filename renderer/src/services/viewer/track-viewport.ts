import type { Types } from '@cornerstonejs/core';
import { subtract } from '@shared/geometry/vector3';
import { describeImageError } from './describe-error';
import { readPixel } from './pixel-probe';
import { fittedZoom } from './view-actions';
import { showsHounsfield } from './hounsfield';
import type { ViewportStateStore, ViewportState } from './viewport-state';
import { holdWindowAcrossSlices } from './window-hold';
import { storedInverted } from './file-polarity';
import { edgeMarkers, type EdgeMarkers, type OrientationBasis } from '@shared/geometry/patient-direction';
import { PATIENT_ORIENTATION_MODULE } from './patient-orientation-provider';

type Core = typeof import('@cornerstonejs/core');
type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/** A viewport still showing its first image after this long says so instead of spinning forever. */
const FIRST_RENDER_TIMEOUT_MS = 60_000;

/** The coordinate a reader expects beside the slice number: the patient axis the view looks along. */
function locationAlong(normal: Types.Point3, point: Types.Point3): number {
  const axis = [0, 1, 2].reduce((best, k) => (Math.abs(normal[k]!) > Math.abs(normal[best]!) ? k : best), 0);
  return Math.round(point[axis]! * 100) / 100;
}

function isStack(cs: Core, viewport: AnyViewport): viewport is Types.IStackViewport {
  return viewport.type === cs.Enums.ViewportType.STACK;
}

/** Whether a viewport shows an image yet (an empty viewport renders too, as black). */
function hasData(cs: Core, viewport: AnyViewport): boolean {
  if (isStack(cs, viewport)) return Boolean(viewport.getCornerstoneImage?.());
  return viewport.getActors().length > 0;
}

function sliceFacts(cs: Core, viewport: AnyViewport): Partial<ViewportState> {
  const camera = viewport.getCamera();
  if (isStack(cs, viewport)) {
    const imageId = viewport.getCurrentImageId();
    const plane = imageId ? (cs.metaData.get('imagePlaneModule', imageId) as { imagePositionPatient?: Types.Point3; sliceThickness?: number } | undefined) : undefined;
    const image = viewport.getCornerstoneImage?.();
    return {
      sliceIndex: viewport.getCurrentImageIdIndex() + 1,
      sliceCount: viewport.getImageIds().length,
      slicePosition: plane?.imagePositionPatient && camera.viewPlaneNormal ? locationAlong(camera.viewPlaneNormal, plane.imagePositionPatient) : null,
      sliceThickness: plane?.sliceThickness ?? null,
      rows: image?.rows ?? null,
      columns: image?.columns ?? null,
    };
  }
  return {
    sliceIndex: viewport.getSliceIndex() + 1,
    sliceCount: viewport.getNumberOfSlices(),
    slicePosition: camera.focalPoint && camera.viewPlaneNormal ? locationAlong(camera.viewPlaneNormal, camera.focalPoint) : null,
  };
}

/** What the world axes of the shown image mean for the patient, or null when nothing says. */
function orientationBasis(cs: Core, viewport: AnyViewport): OrientationBasis | null {
  // A reformat is built only from slices with an Image Orientation.
  if (!isStack(cs, viewport)) return { kind: 'patient' };
  const imageId = viewport.getCurrentImageId();
  if (!imageId) return null;
  const plane = cs.metaData.get('imagePlaneModule', imageId) as { rowCosines?: number[] | null } | undefined;
  if (plane?.rowCosines) return { kind: 'patient' };
  // Without one, Cornerstone lays the image along the world axes: x along its rows, y down its columns.
  const radiograph = cs.metaData.get(PATIENT_ORIENTATION_MODULE, imageId) as { row: string; column: string } | undefined;
  return radiograph ? { kind: 'radiograph', ...radiograph } : null;
}

/**
 * The patient directions at the viewport's edges, from where its screen axes land in the world:
 * flips, rotations and oblique reformats included, on either render path.
 */
function markerFacts(cs: Core, viewport: AnyViewport): EdgeMarkers | null {
  const basis = orientationBasis(cs, viewport);
  const { clientWidth: width, clientHeight: height } = viewport.element;
  if (!basis || !width || !height) return null;
  const centre = viewport.canvasToWorld([width / 2, height / 2]);
  const right = subtract(viewport.canvasToWorld([width * 0.75, height / 2]), centre);
  const down = subtract(viewport.canvasToWorld([width / 2, height * 0.75]), centre);
  return edgeMarkers(right, down, basis);
}

function sameMarkers(a: EdgeMarkers | null, b: EdgeMarkers | null): boolean {
  return a === b || (a !== null && b !== null && a.left === b.left && a.right === b.right && a.top === b.top && a.bottom === b.bottom);
}

function displayFacts(cs: Core, viewport: AnyViewport): Partial<ViewportState> {
  const properties = (viewport.getProperties() ?? {}) as { voiRange?: { lower: number; upper: number }; invert?: boolean };
  const window = properties.voiRange ? cs.utilities.windowLevel.toWindowLevel(properties.voiRange.lower, properties.voiRange.upper) : null;
  return {
    windowWidth: window ? Math.round(window.windowWidth) : null,
    windowCenter: window ? Math.round(window.windowCenter) : null,
    hounsfield: showsHounsfield(viewport),
    // "Inverted" is what the reader did: the display's polarity against the file's own.
    invert: Boolean(properties.invert) !== storedInverted(cs, viewport),
    zoom: Math.round(fittedZoom(viewport) * 100) / 100,
  };
}

/**
 * Follows one viewport's Cornerstone events into the store: load status (with the reason of a
 * failure), slice, window, zoom and the pixel under the mouse. Returns the function that stops it.
 * @param cs - the core module
 * @param store - where viewport states live
 * @param viewportId - the viewport to follow
 * @param getViewport - the live viewport (undefined once it is gone)
 */
export function trackViewport(cs: Core, store: ViewportStateStore, viewportId: string, getViewport: () => AnyViewport | undefined): () => void {
  const { Events, ViewportStatus } = cs.Enums;
  const element = getViewport()!.element;
  let pointer: Types.Point2 | null = null;

  const refreshPixel = () => {
    const viewport = getViewport();
    store.update(viewportId, { pixel: viewport && pointer ? readPixel(cs, viewport, pointer) : null });
  };
  const onRendered = () => {
    const viewport = getViewport();
    if (!viewport || !hasData(cs, viewport)) return;
    const markers = markerFacts(cs, viewport);
    const shown = store.get(viewportId).markers;
    // The same markers keep their object, so that an unchanged overlay is not drawn again.
    const facts = { ...sliceFacts(cs, viewport), ...displayFacts(cs, viewport), markers: sameMarkers(shown, markers) ? shown : markers };
    if (viewport.viewportStatus === ViewportStatus.RENDERED) store.update(viewportId, { ...facts, status: 'rendered', error: null });
    else store.update(viewportId, facts);
    refreshPixel();
  };
  const onLoadError = (event: Event) => {
    const viewport = getViewport();
    const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
    if (!viewport || !isStack(cs, viewport) || !detail?.imageId) return;
    const index = viewport.getImageIds().indexOf(detail.imageId);
    if (index < 0 || index !== viewport.getTargetImageIdIndex()) return;
    store.update(viewportId, { status: 'error', error: describeImageError(detail.error ?? 'The image could not be loaded'), sliceIndex: index + 1 });
  };
  const onMove = (event: MouseEvent) => {
    const viewport = getViewport();
    if (!viewport) return;
    const rect = viewport.canvas.getBoundingClientRect();
    pointer = [event.clientX - rect.left, event.clientY - rect.top];
    refreshPixel();
  };
  const onLeave = () => {
    pointer = null;
    refreshPixel();
  };
  const timer = setTimeout(() => {
    if (store.get(viewportId).status === 'loading') {
      store.update(viewportId, { status: 'error', error: `The image did not appear within ${FIRST_RENDER_TIMEOUT_MS / 1000} s` });
    }
  }, FIRST_RENDER_TIMEOUT_MS);

  element.addEventListener(Events.IMAGE_RENDERED, onRendered);
  cs.eventTarget.addEventListener(Events.IMAGE_LOAD_ERROR, onLoadError);
  element.addEventListener('mousemove', onMove);
  element.addEventListener('mouseleave', onLeave);
  const release = holdWindowAcrossSlices(cs, element, getViewport);
  return () => {
    clearTimeout(timer);
    release();
    element.removeEventListener(Events.IMAGE_RENDERED, onRendered);
    cs.eventTarget.removeEventListener(Events.IMAGE_LOAD_ERROR, onLoadError);
    element.removeEventListener('mousemove', onMove);
    element.removeEventListener('mouseleave', onLeave);
  };
}
