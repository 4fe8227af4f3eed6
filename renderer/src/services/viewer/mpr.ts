import type { Types } from '@cornerstonejs/core';
import type { SeriesStack } from './series-stack';

type Core = typeof import('@cornerstonejs/core');

/** Voxel data a reformat may hold in memory; beyond it the viewer says so instead of crashing. */
export const MPR_MEMORY_BUDGET_BYTES = 768 * 1024 * 1024;
/** The worst case per voxel (float32 after a non-integer rescale). */
const BYTES_PER_VOXEL = 4;
const VOLUMETRIC_MODALITIES = new Set(['CT', 'MR']);
const PARALLEL_LOADS = 6;

/** Whether a series may be reformatted here, and if not, the sentence that says why. */
export type MprAvailability = { available: true } | { available: false; reason: string };

/**
 * Decides whether to offer axial/sagittal/coronal reformats of a series: WebGL2 present, a CT or
 * MR series of single-frame slices whose geometry is faithful (seriesGeometry), within the budget.
 * @param cs - the core module
 * @param stack - the series in spatial order
 * @param modality - the series' modality
 */
export function mprAvailability(cs: Core, stack: SeriesStack, modality: string): MprAvailability {
  if (!VOLUMETRIC_MODALITIES.has(modality)) return { available: false, reason: `Reformats are offered for CT and MR series (this one is ${modality || 'of unknown modality'}).` };
  if (!cs.getRenderingCapabilities().webgl2) {
    return { available: false, reason: 'Reformats need WebGL2, which this computer’s graphics do not offer.' };
  }
  if (stack.instances.some((instance) => (instance.frames ?? 1) > 1)) {
    return { available: false, reason: 'Reformats of multi-frame instances are not supported yet.' };
  }
  if (!stack.geometry.reformattable) {
    return { available: false, reason: stack.geometry.warnings[0]?.message ?? 'Too few slices with a position for a reformat (3 or more are needed).' };
  }
  const first = stack.instances.find((instance) => instance.hasPixelData);
  const bytes = (first?.rows ?? 0) * (first?.columns ?? 0) * stack.slices.length * BYTES_PER_VOXEL;
  if (bytes > MPR_MEMORY_BUDGET_BYTES) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    return { available: false, reason: `This series needs up to ${mb(bytes)} for a reformat, more than the viewer’s ${mb(MPR_MEMORY_BUDGET_BYTES)} budget.` };
  }
  return { available: true };
}

/**
 * The id of a series' volume in Cornerstone's cache (the streaming loader's scheme). It names
 * the slices it is built from, so that a series re-imported with other instances gets a new one.
 * @param stack - the series in spatial order
 */
export function volumeIdOf(stack: SeriesStack): string {
  const ids = stack.slices.map((s) => s.instanceId);
  return `cornerstoneStreamingImageVolume:bonemet-${stack.seriesUid}-${ids.length}-${ids[0]}-${ids[ids.length - 1]}`;
}

async function loadAll(cs: Core, imageIds: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < imageIds.length) {
      const imageId = imageIds[next++]!;
      await cs.imageLoader.loadAndCacheImage(imageId, { priority: 0, requestType: cs.Enums.RequestType.Prefetch });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_LOADS }, worker));
}

const volumes = new Map<string, Promise<Types.IImageVolume>>();

async function buildVolume(cs: Core, stack: SeriesStack, volumeId: string): Promise<Types.IImageVolume> {
  await loadAll(cs, stack.imageIds);
  // The loader may reverse the list it is given in place: hand it a copy.
  const volume = await cs.volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...stack.imageIds] });
  const status = (volume as unknown as { loadStatus?: { loaded?: boolean } }).loadStatus;
  if (status?.loaded) return volume;
  await new Promise<void>((resolve) => {
    const onDone = (event: Event) => {
      if ((event as CustomEvent<{ volumeId?: string }>).detail?.volumeId !== volumeId) return;
      cs.eventTarget.removeEventListener(cs.Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onDone);
      resolve();
    };
    cs.eventTarget.addEventListener(cs.Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onDone);
    (volume as unknown as { load(): void }).load();
  });
  return volume;
}

/**
 * Builds (once per page) the volume of a series for orthographic viewports. Every slice is loaded
 * first: the wadouri loader knows a slice's position only after reading its file.
 * @param cs - the core module
 * @param stack - the series, in spatial order
 */
export function loadVolume(cs: Core, stack: SeriesStack): Promise<Types.IImageVolume> {
  const volumeId = volumeIdOf(stack);
  let pending = volumes.get(volumeId);
  if (!pending) {
    pending = buildVolume(cs, stack, volumeId);
    volumes.set(volumeId, pending);
    pending.catch(() => volumes.delete(volumeId));
  }
  return pending;
}
