import type { Types } from '@cornerstonejs/core';

type Core = typeof import('@cornerstonejs/core');

/**
 * A canvas whose 2D context lives in this process's memory (`willReadFrequently`). Without a
 * GPU, Chromium backs an ordinary 2D canvas with SwiftShader in the GPU process: creating one
 * costs about 100 ms, and the CPU renderer's putImageData and scaled drawImage each go through it.
 * @param width - in device pixels
 * @param height - in device pixels
 */
export function softwareCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d', { willReadFrequently: true });
  return canvas;
}

/**
 * Draws once on a 1x1 software canvas: Chromium's first 2D canvas draw in a page sets up its
 * raster path, 100 to 400 ms without a GPU, better paid while scripts download than when the
 * first image is drawn.
 */
export function warmCanvas(): void {
  softwareCanvas(1, 1).getContext('2d')!.fillRect(0, 0, 1, 1);
}

/**
 * Loads (and caches) a stack image as the CPU path asks for it: colour as RGBA, so that a stack
 * viewport takes it from the cache as it is.
 * @param cs - the core module
 * @param imageId - the image
 */
export function loadForStack(cs: Core, imageId: string): Promise<Types.IImage> {
  const options = { priority: -5, requestType: cs.Enums.RequestType.Interaction, useRGBA: true };
  return cs.imageLoader.loadAndCacheImage(imageId, options as Parameters<typeof cs.imageLoader.loadAndCacheImage>[1]);
}

/**
 * Whether a stack showing this image is drawn on the CPU. Without a GPU (SwiftShader, virtual
 * desktops) a WebGL context and its first draw cost over a second and each slice about 100 ms,
 * while the CPU path draws a 512x512 slice in a few ms and holds no texture in the GPU process.
 * Images decoded to floats (a non-integer rescale: some CR, PET) stay on WebGL: the CPU path
 * would quantise their values to 16 bits in the cached image itself, and the values shown under
 * the mouse and measured would no longer be the file's.
 * @param image - the stack's first image, decoded
 */
export function drawsOnCpu(image: Types.IImage): boolean {
  return !(image.getPixelData() instanceof Float32Array);
}

/**
 * Chooses Cornerstone's renderer for the viewport about to be enabled: Cornerstone reads one
 * global switch when it creates a viewport, and asks it again whenever the engine renders or
 * resizes (pinRenderPath fixes that answer per viewport, so that a layout may mix the two).
 * CPU-drawn viewports get software canvases; WebGL ones an ordinary canvas to copy frames into.
 * @param cs - the core module
 * @param cpu - true for the CPU path (stacks), false for WebGL (reformats, float stacks)
 */
export function chooseRenderPath(cs: Core, cpu: boolean): void {
  const gpu = !cpu && cs.getRenderingCapabilities().webgl2;
  cs.setCanvasCreator(gpu ? undefined : softwareCanvas);
  if (cs.getShouldUseCPURendering() !== !gpu) cs.setUseCPURendering(!gpu, false);
}

/**
 * Makes a viewport keep the renderer it was created with, whatever the global switch says later.
 * @param viewport - a viewport just enabled
 */
export function pinRenderPath(viewport: Types.IViewport): void {
  const cpu = (viewport as { useCPURendering?: boolean }).useCPURendering === true;
  Object.defineProperty(viewport, 'getUseCustomRenderingPipeline', { value: () => cpu });
}
