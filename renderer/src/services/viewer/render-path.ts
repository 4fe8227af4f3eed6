type Core = typeof import('@cornerstonejs/core');

/** What a viewport draws: a stack of images, or planes of a volume. */
export type ViewportKind = 'stack' | 'orthographic';

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
 * Chooses Cornerstone's renderer for the viewport about to be enabled. Stacks are drawn on the
 * CPU into software canvases: without a GPU (SwiftShader, virtual desktops) a WebGL context and
 * its first draw cost over a second and each slice about 100 ms, while the CPU path draws a
 * 512x512 slice in a few ms and holds no texture in the GPU process. Reformats need WebGL2 (the
 * CPU path is stack-only), whose frames are copied into an ordinary canvas. Cornerstone reads the
 * switch when a viewport is created and while the engine renders it, so one layout never mixes
 * the two: the viewer shows either stacks or the planes of a reformat.
 * @param cs - the core module
 * @param kind - the kind of viewport about to be enabled
 */
export function chooseRenderPath(cs: Core, kind: ViewportKind): void {
  const gpu = kind === 'orthographic' && cs.getRenderingCapabilities().webgl2;
  cs.setCanvasCreator(gpu ? undefined : softwareCanvas);
  if (cs.getShouldUseCPURendering() !== !gpu) cs.setUseCPURendering(!gpu, false);
}
