import type { BoneAnalysisResult, SectionArc } from '@shared/analysis/bone-analysis-result';
import { corticalArc } from '@shared/annotation/cortical-arc';
import { dot } from '@shared/geometry/vector3';
import { CORTICAL_TOOL_NAME, corticalStats, type CorticalData } from '../cortical-involvement-tool';
import type { SeriesStack } from '../series-stack';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type CsAnnotation = import('@cornerstonejs/tools').Types.Annotation;

/** One proposed arc put on a stack image as a cortical-involvement annotation. */
export interface ProposedArc {
  annotationUid: string;
  sectionIndex: number;
  /** The arc's share of the circumference as computed (%). */
  computedPct: number;
}

interface SlicePlane {
  imagePositionPatient?: number[];
  rowCosines?: number[];
  columnCosines?: number[];
}

/**
 * Each stack slice's plane: Cornerstone's, once its file is loaded, else the index's for a
 * single-frame instance. The stack loads ahead a few files at a time, so an analysis asked for
 * just after a series opened finds most slices not loaded yet.
 */
function slicePlanes(cs: Core, stack: SeriesStack): (SlicePlane | undefined)[] {
  const indexed = new Map(stack.instances.map((instance) => [instance.id, instance]));
  return stack.slices.map((slice) => {
    const loaded = cs.metaData.get('imagePlaneModule', slice.imageId) as SlicePlane | undefined;
    if (loaded?.imagePositionPatient && loaded.rowCosines && loaded.columnCosines) return loaded;
    const instance = slice.frame === null ? indexed.get(slice.instanceId) : undefined;
    const [position, orientation] = [instance?.imagePositionPatient, instance?.imageOrientationPatient];
    return position && orientation ? { imagePositionPatient: [...position], rowCosines: orientation.slice(0, 3), columnCosines: orientation.slice(3, 6) } : undefined;
  });
}

/** A stack slice's position along its normal, and the normal. */
function slicePositions(cs: Core, stack: SeriesStack): { positions: number[]; normal: number[] } | null {
  const planes = slicePlanes(cs, stack);
  const first = planes[0];
  if (!first?.rowCosines || !first.columnCosines || planes.some((p) => !p?.imagePositionPatient)) return null;
  const [r, c] = [first.rowCosines, first.columnCosines];
  const normal = [r[1]! * c[2]! - r[2]! * c[1]!, r[2]! * c[0]! - r[0]! * c[2]!, r[0]! * c[1]! - r[1]! * c[0]!];
  return { positions: planes.map((p) => dot(p!.imagePositionPatient!, normal)), normal };
}

/**
 * For each stack slice the proposed region crosses, the section nearest to it (within half a
 * slice): the arcs of that section are drawn on that image, so every involved slice shows one.
 */
export function sectionPerSlice(cs: Core, stack: SeriesStack, result: BoneAnalysisResult): Map<number, number> {
  const region = result.regions.find((r) => r.id === result.regionId);
  const geometry = slicePositions(cs, stack);
  const chosen = new Map<number, { section: number; distance: number }>();
  if (!region || !geometry) return new Map();
  const spacing = stack.geometry.spacingMm ?? 1;
  for (let k = region.firstSection; k <= region.lastSection; k++) {
    const section = result.sections[k]!;
    if (!section.arcs.some((a) => a.regionId === region.id)) continue;
    const along = dot(section.centre, geometry.normal);
    let best = -1;
    geometry.positions.forEach((p, i) => {
      if (best < 0 || Math.abs(p - along) < Math.abs(geometry.positions[best]! - along)) best = i;
    });
    const distance = Math.abs(geometry.positions[best]! - along);
    if (distance > spacing / 2 + 1e-3) continue;
    const current = chosen.get(best);
    if (!current || distance < current.distance) chosen.set(best, { section: k, distance });
  }
  return new Map([...chosen].map(([slice, { section }]) => [slice, section]));
}

/** The arc's share of the circumference from its four points, as the cortical tool measures it (%). */
export function arcPercent(points: readonly (readonly number[])[]): number | null {
  const arc = corticalArc(points);
  return arc ? arc.fraction * 100 : null;
}

/**
 * Puts the proposed region's arcs on the stack images as cortical-involvement annotations (the
 * existing tool edits them), not yet saved: they are proposals until the reader accepts.
 * @returns the arcs placed
 */
export function placeProposedArcs(cs: Core, tools: ToolsModule, stack: SeriesStack, result: BoneAnalysisResult, frameOfReferenceUid: string): ProposedArc[] {
  const placed: ProposedArc[] = [];
  for (const [slice, sectionIndex] of sectionPerSlice(cs, stack, result)) {
    const arcs = result.sections[sectionIndex]!.arcs.filter((a: SectionArc) => a.regionId === result.regionId);
    for (const arc of arcs) {
      const annotationUid = crypto.randomUUID();
      const imageId = stack.imageIds[slice]!;
      const handles = { points: arc.toolPoints.map((p) => [...p]), activeHandleIndex: null };
      const annotation = {
        annotationUID: annotationUid,
        highlighted: false,
        invalidated: true,
        isLocked: false,
        isVisible: true,
        autoGenerated: false,
        metadata: { toolName: CORTICAL_TOOL_NAME, FrameOfReferenceUID: frameOfReferenceUid, referencedImageId: imageId },
        // Its figures from the start (under the stack's target id), so that a kept arc is saved with them
        // even if its slice was never shown.
        data: { handles, cachedStats: { [`imageId:${imageId}`]: corticalStats({ handles, cachedStats: {} } as unknown as CorticalData) } },
      } as unknown as CsAnnotation;
      tools.annotation.state.addAnnotation(annotation, frameOfReferenceUid);
      placed.push({ annotationUid, sectionIndex, computedPct: (arc.sweepDeg / 360) * 100 });
    }
  }
  return placed;
}
