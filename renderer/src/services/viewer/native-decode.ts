import { hasUnusedBits, toStoredValues } from '@shared/dicom/stored-values';

type Core = typeof import('@cornerstonejs/core');
type Loader = typeof import('@cornerstonejs/dicom-image-loader');

/** Uncompressed transfer syntaxes: implicit and explicit VR little endian, explicit big endian. */
const NATIVE_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);
/** The little-endian ones, whose samples toStoredValues reads. */
const LITTLE_ENDIAN = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);
const LOADER_WORKER = 'dicomImageLoader';
const DECODE_TASK = 'decodeTask';

/** What the DICOM loader posts to its worker for one frame (decodeImageFrame.js). */
interface DecodeTaskArgs {
  imageFrame: unknown;
  transferSyntax: string;
  pixelData: Uint8Array;
  options: unknown;
  decodeConfig: unknown;
}

/** What the loader's image frame says of its samples (getImageFrame.js), and its image. */
interface FrameLayout {
  imageId?: string;
  bitsAllocated?: number;
  bitsStored?: number;
  pixelRepresentation?: number;
}

/**
 * The frame's samples as their values (PS3.5 8.1.1): the loader takes whole words of unsigned
 * samples, so bits outside Bits Stored (an embedded overlay, garbage) became part of the value,
 * and a value ending at High Bit above Bits Stored - 1 was read from the wrong bits. A copy where
 * that could happen (the loader's bytes are its cached file), the same bytes elsewhere.
 */
function storedValuesOnly(cs: Core, task: DecodeTaskArgs): Uint8Array {
  const frame = task.imageFrame as FrameLayout;
  const bitsAllocated = frame.bitsAllocated ?? 16;
  const bitsStored = frame.bitsStored ?? bitsAllocated;
  const pixelModule = frame.imageId ? (cs.metaData.get('imagePixelModule', frame.imageId) as { highBit?: number } | undefined) : undefined;
  const layout = { bitsAllocated, bitsStored, highBit: pixelModule?.highBit ?? bitsStored - 1, signed: frame.pixelRepresentation === 1 };
  // Signed values at bit 0 the loader sign-extends from Bits Stored itself, which drops the other bits.
  if (!hasUnusedBits(layout) || (layout.signed && layout.highBit === bitsStored - 1)) return task.pixelData;
  const values = task.pixelData.slice();
  toStoredValues(values, layout);
  return values;
}

/**
 * Decodes uncompressed frames in the page instead of posting them to the DICOM loader's worker.
 * Posting copies each frame's bytes into the worker and the decoded frame back, and an idle
 * worker collects neither copy: after a 512x512x300 CT had loaded, the renderer stayed about
 * 400 MB above the 157 MB of decoded slices. Such a frame needs no decoding, only the loader's
 * own copy into its pixel type and the rescale, a millisecond or two for 512x512 in the page;
 * the same function the worker runs does it, so the decoded image is the same, but for samples
 * reduced to their stored values first. Compressed frames still go to the worker.
 * @param cs - the core module
 * @param loader - the DICOM image loader
 */
export function decodeNativeFramesInPage(cs: Core, loader: Loader): void {
  const manager = cs.getWebWorkerManager();
  const toWorker = manager.executeTask.bind(manager);
  manager.executeTask = ((workerName: string, methodName: string, args: unknown, ...rest: unknown[]) => {
    const task = args as DecodeTaskArgs;
    if (workerName !== LOADER_WORKER || methodName !== DECODE_TASK || !NATIVE_TRANSFER_SYNTAXES.has(task.transferSyntax)) {
      return toWorker(workerName, methodName, args as object, ...(rest as [never]));
    }
    const pixelData = LITTLE_ENDIAN.has(task.transferSyntax) ? storedValuesOnly(cs, task) : task.pixelData;
    return loader.decodeImageFrame(task.imageFrame, task.transferSyntax, pixelData, task.decodeConfig, task.options, undefined);
  }) as typeof manager.executeTask;
}
