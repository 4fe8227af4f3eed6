import type { Types as CoreTypes } from '@cornerstonejs/core';
import { destroyedCortexOnPlane, reformatOverlay } from './reformat-overlay';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type SvgHelper = import('@cornerstonejs/tools').Types.SVGDrawingHelper;

/** The overlay's tool name (enabled in every tool group: it only draws). */
export const PROPOSAL_OVERLAY_TOOL_NAME = 'BoneAnalysisProposal';

/** The colour of proposed destroyed cortex on a reformat (the stack's proposed arcs are the cortical tool's). */
export const PROPOSAL_OVERLAY_COLOUR = 'rgb(255, 140, 0)';

/**
 * Draws a bone analysis proposal on reformats: on a sagittal, coronal or oblique plane along the
 * bone, the destroyed cortex of the proposed region where it crosses the plane shown. Axial views
 * show the proposed arcs themselves (CorticalInvolvement annotations on the stack images).
 * @param cs - the core module
 * @param tools - the initialised tools module
 */
export function proposalOverlayTool(cs: Core, tools: ToolsModule) {
  const { drawPolyline, drawCircle } = tools.drawing;
  return class BoneAnalysisProposalTool extends tools.AnnotationDisplayTool {
    static override toolName = PROPOSAL_OVERLAY_TOOL_NAME;

    constructor(props = {}) {
      super(props, { supportedInteractionTypes: [], configuration: {} });
    }

    renderAnnotation = (enabledElement: CoreTypes.IEnabledElement, svg: SvgHelper): boolean => {
      const { viewport } = enabledElement;
      const overlay = reformatOverlay();
      if (!overlay || viewport.type !== cs.Enums.ViewportType.ORTHOGRAPHIC || viewport.getFrameOfReferenceUID() !== overlay.frameOfReferenceUid) return false;
      const { focalPoint, viewPlaneNormal } = viewport.getCamera();
      if (!focalPoint || !viewPlaneNormal) return false;
      const lines = destroyedCortexOnPlane(overlay.result, focalPoint, viewPlaneNormal);
      lines.forEach((line, i) => {
        const canvas = line.map((p) => viewport.worldToCanvas(p as CoreTypes.Point3));
        if (canvas.length > 1) drawPolyline(svg, PROPOSAL_OVERLAY_TOOL_NAME, `cortex-${i}`, canvas, { color: PROPOSAL_OVERLAY_COLOUR, lineWidth: 3 });
        else drawCircle(svg, PROPOSAL_OVERLAY_TOOL_NAME, `cortex-${i}`, canvas[0]!, 2, { color: PROPOSAL_OVERLAY_COLOUR, fill: PROPOSAL_OVERLAY_COLOUR });
      });
      return lines.length > 0;
    };
  };
}
