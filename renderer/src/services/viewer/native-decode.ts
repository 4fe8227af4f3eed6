type Core = typeof import('@cornerstonejs/core');
type Loader = typeof import('@cornerstonejs/dicom-image-loader');

/** Uncompressed transfer syntaxes: implicit and explicit VR little endian, explicit big endian. */
const NATIVE_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);
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

/**
 * Decodes uncompressed frames in the page instead of posting them to the DICOM loader's worker.
 * Posting copies each frame's bytes into the worker and the decoded frame back, and an idle
 * worker collects neither copy: after a 512x512x300 CT had loaded, the renderer stayed about
 * 400 MB above the 157 MB of decoded slices. Such a frame needs no decoding, only the loader's
 * own copy into its pixel type and the rescale, a millisecond or two for 512x512 in the page;
 * the same function the worker runs does it, so the decoded image is the same. Compressed
 * frames still go to the worker.
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
    return loader.decodeImageFrame(task.imageFrame, task.transferSyntax, task.pixelData, task.decodeConfig, task.options, undefined);
  }) as typeof manager.executeTask;
}
