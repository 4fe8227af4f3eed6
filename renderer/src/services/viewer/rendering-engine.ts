import type { Types } from '@cornerstonejs/core';

type Core = typeof import('@cornerstonejs/core');

const ENGINE_ID = 'bonemet-viewer';
let engine: Types.IRenderingEngine | null = null;

/**
 * The page's one rendering engine for viewer viewports. It outlives viewer sessions on purpose:
 * creating WebGL contexts and sizing their canvases costs about a second under software GL
 * (SwiftShader), which every opening of a series would otherwise pay again (twice in StrictMode).
 * Sessions enable and disable their viewports on it.
 * @param cs - the initialised core module
 */
export function sharedRenderingEngine(cs: Core): Types.IRenderingEngine {
  if (!engine || (engine as { hasBeenDestroyed?: boolean }).hasBeenDestroyed) {
    engine = new cs.RenderingEngine(ENGINE_ID) as unknown as Types.IRenderingEngine;
  }
  return engine;
}
