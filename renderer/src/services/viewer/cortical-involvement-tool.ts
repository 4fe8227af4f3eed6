import type { Types as CoreTypes } from '@cornerstonejs/core';
import { corticalArc, corticalArcPolyline } from '@shared/annotation/cortical-arc';
import { fixedFigure } from '@shared/scoring/shown-figure';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type Annotation = import('@cornerstonejs/tools').Types.Annotation;
type InteractionEvent = import('@cornerstonejs/tools').Types.EventTypes.InteractionEventType;
type SvgHelper = import('@cornerstonejs/tools').Types.SVGDrawingHelper;
type Point3 = CoreTypes.Point3;

/** The tool's name, as stored in annotation records. */
export const CORTICAL_TOOL_NAME = 'CorticalInvolvement';

/** Clicks the tool takes: bone centre, arc end, arc end, a point on the destroyed side. */
export const CORTICAL_CLICKS = ['the bone centre', 'one end of the destroyed arc', 'the other end', 'a point on the destroyed side'] as const;

/** What the tool keeps in an annotation's data besides its handles. */
export interface CorticalData {
  handles: { points: Point3[]; activeHandleIndex: number | null };
  cachedStats: Record<string, Record<string, number>>;
  /** Axial extent from the first and last involved slices, recorded on this annotation (mm, slices). */
  axialExtentMm?: number;
  axialSliceCount?: number;
}

const dataOf = (annotation: Annotation) => annotation.data as unknown as CorticalData;

/** The figures the measurement panel and the lesion form read: arc % and degrees, axial extent when recorded. */
export function corticalStats(data: CorticalData): Record<string, number> {
  const arc = corticalArc(data.handles.points);
  if (!arc) return {};
  return {
    arcPercent: arc.fraction * 100,
    arcDegrees: (arc.sweepRad * 180) / Math.PI,
    ...(data.axialExtentMm !== undefined ? { axialExtentMm: data.axialExtentMm } : {}),
    ...(data.axialSliceCount !== undefined ? { axialSliceCount: data.axialSliceCount } : {}),
  };
}

/**
 * The cortical-involvement tool as a Cornerstone annotation tool: four clicks on an axial slice
 * (CORTICAL_CLICKS), then it draws the destroyed arc and reports it as % of the circumference.
 * The fourth click picks which of the two arcs between the ends is destroyed, whatever the
 * view's flips and rotations. Handles drag afterwards; creation and edits are undoable.
 * @param cs - the core module
 * @param tools - the initialised tools module
 */
export function corticalInvolvementTool(cs: Core, tools: ToolsModule) {
  const { drawHandles, drawLine, drawPolyline, drawTextBox } = tools.drawing;
  const { addAnnotation, getAnnotations, removeAnnotation, getAnnotation, triggerAnnotationCompleted, triggerAnnotationModified } = tools.annotation.state;
  const { triggerAnnotationRenderForViewportIds } = tools.utilities;
  const { Events, ChangeTypes } = tools.Enums;

  return class CorticalInvolvementTool extends tools.AnnotationTool {
    static override toolName = CORTICAL_TOOL_NAME;
    private pending: { annotation: Annotation; element: HTMLDivElement } | null = null;
    private dragging: { annotation: Annotation; element: HTMLDivElement; index: number } | null = null;

    constructor(props = {}) {
      super(props, { supportedInteractionTypes: ['Mouse'], configuration: {} });
    }

    private viewportOf(element: HTMLDivElement) {
      return cs.getEnabledElement(element)?.viewport;
    }

    private render(element: HTMLDivElement): void {
      const viewport = this.viewportOf(element);
      if (viewport) triggerAnnotationRenderForViewportIds([viewport.id]);
    }

    override addNewAnnotation = (evt: InteractionEvent): Annotation => {
      const { element, currentPoints } = evt.detail;
      const world = [...currentPoints.world] as Point3;
      const viewport = this.viewportOf(element)!;
      const pending = this.pending;
      // A click on another image or viewport starts afresh: the half-drawn one is dropped.
      if (pending && (pending.element !== element || !getAnnotation(pending.annotation.annotationUID!) || pending.annotation.metadata?.referencedImageId !== (viewport as CoreTypes.IStackViewport).getCurrentImageId?.())) {
        removeAnnotation(pending.annotation.annotationUID!);
        this.pending = null;
      }
      evt.preventDefault();
      if (this.pending) {
        const { annotation } = this.pending;
        dataOf(annotation).handles.points.push(world);
        annotation.invalidated = true;
        if (dataOf(annotation).handles.points.length === CORTICAL_CLICKS.length) this.complete(annotation, element);
        this.render(element);
        return annotation;
      }
      const annotation = (this.constructor as typeof tools.AnnotationTool).createAnnotationForViewport<Annotation>(viewport, {
        data: { handles: { points: [world], activeHandleIndex: null }, cachedStats: {} },
      });
      addAnnotation(annotation, element);
      this.pending = { annotation, element };
      this.render(element);
      return annotation;
    };

    private complete(annotation: Annotation, element: HTMLDivElement): void {
      this.pending = null;
      // The figures go with the completion event, so that the first save holds them.
      const viewport = this.viewportOf(element);
      const targetId = viewport ? this.getTargetId(viewport as never) : undefined;
      if (targetId) dataOf(annotation).cachedStats = { [targetId]: corticalStats(dataOf(annotation)) };
      this.createMemo(element, annotation, { newAnnotation: true });
      this.doneEditMemo();
      triggerAnnotationCompleted(annotation);
    }

    cancel = (element: HTMLDivElement) => {
      if (!this.pending) return;
      removeAnnotation(this.pending.annotation.annotationUID!);
      this.pending = null;
      this.render(element);
    };

    isPointNearTool = (element: HTMLDivElement, annotation: Annotation, canvasCoords: CoreTypes.Point2, proximity: number): boolean =>
      this.handleNear(element, annotation, canvasCoords, proximity) !== undefined;

    override getHandleNearImagePoint(element: HTMLDivElement, annotation: Annotation, canvasCoords: CoreTypes.Point2, proximity: number) {
      const index = this.handleNear(element, annotation, canvasCoords, proximity);
      return index === undefined ? undefined : dataOf(annotation).handles.points[index];
    }

    private handleNear(element: HTMLDivElement, annotation: Annotation, canvasCoords: CoreTypes.Point2, proximity: number): number | undefined {
      if (this.pending?.annotation === annotation) return undefined;
      const viewport = this.viewportOf(element);
      if (!viewport) return undefined;
      const index = dataOf(annotation).handles.points.findIndex((p) => {
        const c = viewport.worldToCanvas(p);
        return Math.hypot(c[0] - canvasCoords[0], c[1] - canvasCoords[1]) < proximity;
      });
      return index < 0 ? undefined : index;
    }

    toolSelectedCallback = () => undefined;

    handleSelectedCallback = (evt: InteractionEvent, annotation: Annotation, handle: unknown) => {
      const { element } = evt.detail;
      const index = dataOf(annotation).handles.points.findIndex((p) => p === handle);
      if (index < 0) return;
      this.dragging = { annotation, element, index };
      tools.state.isInteractingWithTool = true;
      element.addEventListener(Events.MOUSE_DRAG, this.onDrag as EventListener);
      element.addEventListener(Events.MOUSE_UP, this.onDragEnd as EventListener);
      element.addEventListener(Events.MOUSE_CLICK, this.onDragEnd as EventListener);
      evt.preventDefault();
    };

    private onDrag = (evt: InteractionEvent) => {
      if (!this.dragging) return;
      const { annotation, element, index } = this.dragging;
      this.createMemo(element, annotation, { newAnnotation: false });
      dataOf(annotation).handles.points[index] = [...evt.detail.currentPoints.world] as Point3;
      annotation.invalidated = true;
      this.render(element);
    };

    private onDragEnd = () => {
      if (!this.dragging) return;
      const { annotation, element } = this.dragging;
      this.dragging = null;
      tools.state.isInteractingWithTool = false;
      element.removeEventListener(Events.MOUSE_DRAG, this.onDrag as EventListener);
      element.removeEventListener(Events.MOUSE_UP, this.onDragEnd as EventListener);
      element.removeEventListener(Events.MOUSE_CLICK, this.onDragEnd as EventListener);
      this.doneEditMemo();
      triggerAnnotationModified(annotation, element, ChangeTypes.HandlesUpdated);
      this.render(element);
    };

    renderAnnotation = (enabledElement: CoreTypes.IEnabledElement, svg: SvgHelper): boolean => {
      const { viewport } = enabledElement;
      const { element } = viewport;
      let annotations = getAnnotations(CORTICAL_TOOL_NAME, element);
      if (!annotations?.length) return false;
      annotations = this.filterInteractableAnnotationsForElement(element, annotations) ?? [];
      const targetId = this.getTargetId(viewport as never);
      let drawn = false;
      for (const annotation of annotations) {
        const uid = annotation.annotationUID!;
        const data = dataOf(annotation);
        const { color, lineWidth } = this.getAnnotationStyle({ annotation, styleSpecifier: { toolGroupId: this.toolGroupId, toolName: CORTICAL_TOOL_NAME, viewportId: viewport.id, annotationUID: uid } }) as { color: string; lineWidth: number };
        const canvas = data.handles.points.map((p) => viewport.worldToCanvas(p));
        const [centre, ...ends] = canvas;
        ends.slice(0, 2).forEach((end, i) => drawLine(svg, uid, `spoke-${i}`, centre!, end, { color, lineWidth, lineDash: '4,4' }));
        drawHandles(svg, uid, 'handles', canvas, { color, handleRadius: 4 });
        drawn = true;
        if (canvas.length < CORTICAL_CLICKS.length) continue;
        const arc = corticalArcPolyline(data.handles.points).map((p) => viewport.worldToCanvas(p as Point3));
        drawPolyline(svg, uid, 'arc', arc, { color: 'rgb(255, 80, 80)', lineWidth: lineWidth + 2 });
        const stats = corticalStats(data);
        if (targetId) data.cachedStats = { [targetId]: stats };
        annotation.invalidated = false;
        // Figures on their side of the scores' limits: 50.04% is "50.04", never "50.0" beside "> 50%".
        const pct = stats.arcPercent === undefined ? '—' : fixedFigure('circumferentialInvolvementPct', stats.arcPercent, 1);
        const degrees = stats.arcDegrees === undefined ? '—' : fixedFigure('circumferentialInvolvementDeg', stats.arcDegrees, 0);
        const lines = [`Cortex ${pct}% (${degrees}°)`];
        if (stats.axialExtentMm !== undefined) lines.push(`Axial ${fixedFigure('axialInvolvementMm', stats.axialExtentMm, 1)} mm`);
        const middle = arc[Math.floor(arc.length / 2)]!;
        drawTextBox(svg, uid, 'label', lines, [middle[0] + 8, middle[1] + 8], { color });
      }
      return drawn;
    };
  };
}
