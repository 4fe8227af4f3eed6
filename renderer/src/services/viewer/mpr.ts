import type { Types } from '@cornerstonejs/core';
import type { z } from 'zod';
import type { RetrieveSeriesProgressSchema } from '@shared/pacs/retrieve-job';
import { gantryTilted } from '@shared/dicom/gantry-tilt';
import { SLICES_IN_FLIGHT } from './load-pacing';
import { megabytes, viewerMemoryBudget } from './memory-budget';
import type { SeriesStack } from './series-stack';

type Core = typeof import('@cornerstonejs/core');

/** Bytes per voxel before any slice is decoded: the worst case (float32 after a non-integer rescale). */
const UNKNOWN_BYTES_PER_VOXEL = 4;
const VOLUMETRIC_MODALITIES = new Set(['CT', 'MR']);

/** Whether a series may be reformatted here, and if not, the sentence that says why. */
export type MprAvailability = { available: true } | { available: false; reason: string };

/** A series a retrieve brings from the PACS: its instances indexed so far, of how many, and whether more may come. */
export type SeriesArrival = Pick<z.infer<typeof RetrieveSeriesProgressSchema>, 'indexed' | 'total'> & { running: boolean };

/**
 * Decides whether to offer axial/sagittal/coronal reformats of a series: WebGL2 present, a CT or
 * MR series of single-frame slices whose geometry is faithful (seriesGeometry), within the budget,
 * and all of it here: a volume built while the series arrives would silently lack its later slices.
 * @param cs - the core module
 * @param stack - the series in spatial order
 * @param modality - the series' modality
 * @param arrival - how much of it has arrived, when a retrieve in this page brought it
 */
export function mprAvailability(cs: Core, stack: SeriesStack, modality: string, arrival: SeriesArrival | null = null): MprAvailability {
  if (!VOLUMETRIC_MODALITIES.has(modality)) return { available: false, reason: `Reformats are offered for CT and MR series (this one is ${modality || 'of unknown modality'}).` };
  if (!cs.getRenderingCapabilities().webgl2) {
    return { available: false, reason: 'Reformats need WebGL2, which this computer’s graphics do not offer.' };
  }
  if (stack.instances.some((instance) => (instance.frames ?? 1) > 1)) {
    return { available: false, reason: 'Reformats of multi-frame instances are not supported yet.' };
  }
  // Also once the retrieve has ended, until the stack is listed again with what it indexed last.
  if (arrival && (arrival.running || stack.instances.length < arrival.indexed)) {
    return { available: false, reason: `The series is still arriving from the PACS (${arrival.indexed} of ${arrival.total} slices here): a reformat is built only from the whole series.` };
  }
  if (!stack.geometry.reformattable) {
    return { available: false, reason: stack.geometry.warnings[0]?.message ?? 'Too few slices with a position for a reformat (3 or more are needed).' };
  }
  const first = firstStacked(stack);
  if (first && tiltedStack(stack, first)) {
    return {
      available: false,
      reason: 'This series was acquired with a gantry tilt (each slice shifted in its plane along the table): a reformat built along the slices\' normal would put them off. Read the stack, or a series reconstructed without tilt.',
    };
  }
  const [rows, columns] = [first?.rows ?? 0, first?.columns ?? 0];
  const perVoxel = decodedBytesPerVoxel(cs, stack);
  const bytes = rows * columns * stack.slices.length * perVoxel;
  const budget = viewerMemoryBudget();
  if (bytes > budget.imageBytes) {
    const size = `${stack.slices.length.toLocaleString('en-GB')} slices of ${columns} × ${rows} at ${perVoxel} bytes per voxel`;
    return {
      available: false,
      reason: `This series needs ${megabytes(bytes)} in memory for a reformat (${size}), more than the ${megabytes(budget.imageBytes)} the viewer may hold for images here (three quarters of this window’s ${megabytes(budget.limitBytes)} limit). The stack can still be read slice by slice.`,
    };
  }
  return { available: true };
}

/** Whether the stack's images shift in their own plane from slice to slice (gantryTilted). */
function tiltedStack(stack: SeriesStack, first: SeriesStack['instances'][number]): boolean {
  const byId = new Map(stack.instances.map((instance) => [instance.id, instance]));
  const positions = stack.slices.map((s) => byId.get(s.instanceId)?.imagePositionPatient).filter((p): p is [number, number, number] => Boolean(p));
  return first.imageOrientationPatient !== null && first.pixelSpacing !== null && gantryTilted(positions, first.imageOrientationPatient, first.pixelSpacing);
}

/** The first image of the stack (not a localiser left out of it, whose grid may differ). */
function firstStacked(stack: SeriesStack) {
  const id = stack.slices[0]?.instanceId;
  return stack.instances.find((instance) => instance.id === id);
}

/** Bytes per voxel of the series as decoded, read from any of its slices already in the cache. */
function decodedBytesPerVoxel(cs: Core, stack: SeriesStack): number {
  for (const imageId of stack.imageIds) {
    const image = cs.cache.getImage(imageId);
    if (!image) continue;
    const pixels = image.getPixelData();
    return (pixels.length * pixels.BYTES_PER_ELEMENT) / (image.rows * image.columns);
  }
  return UNKNOWN_BYTES_PER_VOXEL;
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
  await Promise.all(Array.from({ length: SLICES_IN_FLIGHT }, worker));
}

const volumes = new Map<string, Promise<Types.IImageVolume>>();

/** vtk.js's OpenGL texture: `get()` answers its (mutable) model, whose flags choose the format. */
interface VolumeTexture {
  get(): Record<string, unknown>;
}

/**
 * Uploads a 16-bit volume as a 16-bit (half float) texture instead of 32-bit float, when the GPU
 * has no 16-bit normalised textures (SwiftShader has none): half the memory in the GPU process
 * and half the bytes to upload. Cornerstone's `preferSizeOverAccuracy` asks for this, but its
 * streaming mappers turn half float off before creating the texture; this keeps it on for this
 * volume's texture only. Half floats hold every integer up to 2048 exactly, and steps of 2 up to
 * 4096: the rendered grey level of CT above 2048 HU may round by 1 HU, while the values shown
 * under the mouse and in measurements come from the decoded slices, unchanged.
 * @param cs - the core module
 * @param volume - a volume just created, before any viewport draws it
 */
function keepSixteenBitTexture(cs: Core, volume: Types.IImageVolume): void {
  const { halfFloatLinear, norm16, norm16Linear } = cs.getRenderingCapabilities();
  if ((norm16 && norm16Linear) || !halfFloatLinear || !['Int16Array', 'Uint16Array'].includes(volume.dataType ?? '')) return;
  const model = (volume as unknown as { vtkOpenGLTexture: VolumeTexture }).vtkOpenGLTexture.get();
  model.canUseHalfFloat = true;
  // vtk.js freezes its objects' methods, not their models: the mappers' enableUseHalfFloat(false)
  // lands on a flag that stays on (Cornerstone and vtk.js are pinned, see package.json).
  Object.defineProperty(model, 'enableUseHalfFloat', { get: () => true, set: () => undefined });
}

let volumeTextureLimit: number | null = null;

/** The largest 3D texture side this computer's WebGL2 takes (asked once, when a reformat first opens). */
function maxVolumeTextureSize(): number {
  if (volumeTextureLimit === null) {
    const gl = document.createElement('canvas').getContext('webgl2');
    volumeTextureLimit = gl ? Number(gl.getParameter(gl.MAX_3D_TEXTURE_SIZE)) : 0;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return volumeTextureLimit;
}

/** Refuses, before loading anything, a volume the graphics cannot hold as one 3D texture. */
function assertTextureFits(stack: SeriesStack): void {
  const first = firstStacked(stack);
  const sides = [first?.columns ?? 0, first?.rows ?? 0, stack.slices.length];
  const limit = maxVolumeTextureSize();
  if (Math.max(...sides) > limit) {
    throw new Error(`This reformat needs a 3D texture of ${sides.join(' × ')} voxels; this computer's graphics take at most ${limit} on a side. The stack can still be read slice by slice.`);
  }
}

/**
 * Cornerstone takes a wadouri volume's slice spacing from its first and middle slices' written
 * positions: on positions rounded to 0.1 mm (0.6 and 0.7 mm steps for 0.625 mm slices) that puts
 * the far slices up to twice the rounding off. The stack's fitted spacing (first to last over
 * n - 1, seriesGeometry) places every slice within the rounding of its own position.
 * @param volume - a volume just created, before any viewport draws it
 * @param spacingMm - the stack's slice spacing
 */
function useFittedSliceSpacing(volume: Types.IImageVolume, spacingMm: number | null): void {
  if (spacingMm === null || Math.abs(volume.spacing[2] - spacingMm) < 1e-6) return;
  const spacing: Types.Point3 = [volume.spacing[0], volume.spacing[1], spacingMm];
  volume.spacing = spacing;
  volume.imageData?.setSpacing(spacing);
}

async function buildVolume(cs: Core, stack: SeriesStack, volumeId: string): Promise<Types.IImageVolume> {
  assertTextureFits(stack);
  await loadAll(cs, stack.imageIds);
  // The loader may reverse the list it is given in place: hand it a copy.
  const volume = await cs.volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...stack.imageIds] });
  useFittedSliceSpacing(volume, stack.geometry.spacingMm);
  keepSixteenBitTexture(cs, volume);
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
