import type { InstanceSummary } from '@shared/dicom/series';
import { seriesGeometry, type SeriesGeometry } from '@shared/dicom/series-geometry';
import { call } from '../../api/client';
import { imageIdForInstance } from '../../api/instance-urls';
import { registerMeasurementSpacing } from './measurement-spacing-provider';

/** One displayable image of a stack: an instance, or one frame of a multi-frame instance. */
export interface StackSlice {
  imageId: string;
  instanceId: number;
  sopInstanceUid: string;
  /** 1-based frame number inside a multi-frame instance, or null for a single-frame one. */
  frame: number | null;
}

/** A series ready for a viewport: its images in spatial order, with the geometry verdict. */
export interface SeriesStack {
  seriesUid: string;
  slices: StackSlice[];
  imageIds: string[];
  geometry: SeriesGeometry;
  instances: InstanceSummary[];
}

const stacks = new Map<string, Promise<SeriesStack>>();
const loaded = new Map<string, SeriesStack>();

/**
 * The image id of one frame: the wadouri loader reads `?frame=N` (1-based) and strips it from the URL.
 * @param instanceId - the instance's index id
 * @param frame - the 1-based frame, or null for single-frame instances
 */
export function imageIdForFrame(instanceId: number, frame: number | null): string {
  return frame === null ? imageIdForInstance(instanceId) : `${imageIdForInstance(instanceId)}?frame=${frame}`;
}

function buildStack(seriesUid: string, instances: InstanceSummary[]): SeriesStack {
  const geometry = seriesGeometry(instances);
  const byId = new Map(instances.map((instance) => [instance.id, instance]));
  const slices: StackSlice[] = [];
  for (const id of geometry.order) {
    const instance = byId.get(id)!;
    const frames = instance.frames ?? 1;
    const first = slices.length;
    // A multi-frame instance contributes every frame, in frame order (enhanced MR, XA cine, NM).
    if (frames <= 1) slices.push({ imageId: imageIdForFrame(id, null), instanceId: id, sopInstanceUid: instance.sopInstanceUid, frame: null });
    else for (let f = 1; f <= frames; f++) slices.push({ imageId: imageIdForFrame(id, f), instanceId: id, sopInstanceUid: instance.sopInstanceUid, frame: f });
    registerMeasurementSpacing(instance, slices.slice(first).map((s) => s.imageId));
  }
  return { seriesUid, slices, imageIds: slices.map((s) => s.imageId), geometry, instances };
}

/**
 * Loads a series' instances through the contract and orders them in space (seriesGeometry),
 * never by file name or instance number; remembered per page, forgotten on failure.
 * @param seriesUid - the SeriesInstanceUID
 */
export function loadSeriesStack(seriesUid: string): Promise<SeriesStack> {
  let pending = stacks.get(seriesUid);
  if (!pending) {
    pending = call('series.instances', { seriesInstanceUid: seriesUid }).then((instances) => {
      const stack = buildStack(seriesUid, instances);
      if (stack.slices.length === 0) throw new Error('No instance of this series holds an image.');
      loaded.set(seriesUid, stack);
      return stack;
    });
    stacks.set(seriesUid, pending);
    pending.catch(() => stacks.delete(seriesUid));
  }
  return pending;
}

/** Forgets the series lists loaded so far, so that a viewer opened after an import sees every instance. */
export function forgetSeriesStacks(): void {
  stacks.clear();
  loaded.clear();
}

/** Forgets one series' list, so that the next load sees the instances indexed since (a series arriving from the PACS). */
export function forgetSeriesStack(seriesUid: string): void {
  stacks.delete(seriesUid);
}

/** A stack this page already loaded, without waiting (so that a viewport mounts in the same render). */
export function peekSeriesStack(seriesUid: string): SeriesStack | undefined {
  return loaded.get(seriesUid);
}
