import type { Types as CoreTypes } from '@cornerstonejs/core';

type ToolsModule = typeof import('@cornerstonejs/tools');
type InteractionEvent = import('@cornerstonejs/tools').Types.EventTypes.InteractionEventType;

/** The tool's name: the toolbar's "Analyze bone" button and its key put it on the left button. */
export const ANALYZE_BONE_TOOL_NAME = 'AnalyzeBone';

/** A click of the tool: the viewport's element and the point clicked in patient (world) mm. */
export interface BoneClick {
  element: HTMLDivElement;
  world: [number, number, number];
}

const listeners = new Set<(click: BoneClick) => void>();

/**
 * Follows the tool's clicks (each viewer session's bone analysis listens for its own viewports);
 * returns the unsubscribe function.
 */
export function onBoneClick(listener: (click: BoneClick) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The "Analyze bone" tool: a left click inside the bone near the lesion reports the point in
 * patient mm; the bone analysis service starts the analysis there. It draws nothing and leaves
 * the click to nobody else (no annotation is picked or dragged while it is active).
 * @param tools - the initialised tools module
 */
export function analyzeBoneTool(tools: ToolsModule) {
  return class AnalyzeBoneTool extends tools.BaseTool {
    static override toolName = ANALYZE_BONE_TOOL_NAME;

    constructor(props = {}) {
      super(props, { supportedInteractionTypes: ['Mouse'], configuration: {} });
    }

    preMouseDownCallback = (evt: InteractionEvent): boolean => {
      const { element, currentPoints } = evt.detail;
      const world = currentPoints.world as CoreTypes.Point3;
      for (const listener of listeners) listener({ element, world: [world[0], world[1], world[2]] });
      return true;
    };
  };
}
