import { add, dot, scale, subtract, type Vector3 } from '@shared/geometry/vector3';
import type { AnalysisStage } from '@shared/analysis/analysis-job';
import type { AnalysisHooks } from '../analysis-hooks';
import { destroyedRays, destroyedRuns, intactLevel, referencePeaks, type DestroyedRun } from '../cortex/destroyed-arcs';
import { castRays, RAY_COUNT } from '../cortex/ray-profile';
import { fitSectionRing } from '../cortex/section-ring';
import { distanceToLine, fitLine, type Line3 } from '../math/principal-axes';
import { percentile } from '../math/statistics';
import type { ModulusTable } from '../rigidity/modulus';
import { polarTable, sectionRigidity, type SectionRigidity } from '../rigidity/section-rigidity';
import { axialPosition, inPlaneOffsets, inPlanePoint, pointOnAxis, sectionFrame, type SectionFrame } from '../section/section-frame';
import { sampleSection, type SectionGrid } from '../section/sample-section';
import type { Volume } from '../volume/volume';
import type { BoneTrace } from './trace-bone';

/** One measured cross-section of a bone. */
export interface MeasuredSection {
  /** Along the frame's axis from its origin (mm). */
  position: number;
  /** The ring centre: the section's own centre (patient mm). */
  centre: Vector3;
  periostealRadiusMm: number;
  endostealRadiusMm: number | null;
  /** RMS distance of the intact periosteal edges from the fitted ring (mm); null when the centre could not be fitted. */
  ringRmsMm: number | null;
  /** 1 for each ray without intact cortex. */
  destroyed: Uint8Array;
  runs: DestroyedRun[];
  rigidity: SectionRigidity;
}

/** A bone measured section by section along its refined axis. */
export interface MeasuredBone {
  frame: SectionFrame;
  sectionSpacingMm: number;
  sections: MeasuredSection[];
  /** Median periosteal radius. */
  radiusMm: number;
}

/** The coarse pass, which places the ring centres, takes a section this often along the axis (mm). */
const COARSE_STEP_MM = 4;
/** Sections of the measuring pass lie this far apart along the axis (mm) unless a caller asks otherwise. */
export const SECTION_SPACING_MM = 1;
/** Pixels this far outside the periosteal surface still count towards rigidity (its partial-volume band). */
const ENVELOPE_MARGIN_MM = 1;

/** What measureBone reports progress as. */
export interface ProgressSpan {
  stage: AnalysisStage;
  from: number;
  to: number;
}

/** Linear interpolation of y at x over points sorted by x (clamped at the ends); null without points. */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number | null {
  if (xs.length === 0) return null;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[xs.length - 1]!) return ys[ys.length - 1]!;
  let hi = 1;
  while (xs[hi]! < x) hi++;
  const t = (x - xs[hi - 1]!) / (xs[hi]! - xs[hi - 1]!);
  return ys[hi - 1]! + t * (ys[hi]! - ys[hi - 1]!);
}

/** The positions from a to b every step (b included when it falls on the grid). */
function positionsBetween(a: number, b: number, step: number): number[] {
  const count = Math.floor((b - a) / step + 1e-9) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, n) => a + n * step);
}

/** A square grid as wide as the rays of castRays reach (with a pixel to spare) on every side. */
function gridFor(volume: Volume, radiusMm: number, spacingMm: number): SectionGrid {
  const half = Math.max(radiusMm + 6, 1.3 * radiusMm + 4) + 1;
  return { size: 2 * Math.ceil(half / spacingMm) + 1, spacingMm };
}

/** The disc a grid is sampled in: as far as the rays reach. */
function discOf(grid: SectionGrid): number {
  return ((grid.size - 1) / 2) * grid.spacingMm;
}

/** Coarse pass: rays on sections along the trace's axis; returns the well-fitted ring centres and the intact peak levels. */
function placeRings(volume: Volume, trace: BoneTrace, frame: SectionFrame, hooks: AnalysisHooks, span: ProgressSpan) {
  // The trace runs along its own direction, the frame always superior: a stack whose normal points
  // to the feet traces the other way, so the stations are put in the frame's order first.
  const stations = trace.stations.map((s) => ({ position: axialPosition(frame, s.centre), radius: s.radiusMm })).sort((a, b) => a.position - b.position);
  const stationPositions = stations.map((s) => s.position);
  const stationRadii = stations.map((s) => s.radius);
  const positions = positionsBetween(stationPositions[0]!, stationPositions[stationPositions.length - 1]!, COARSE_STEP_MM);
  const bigRadius = percentile(stationRadii, 0.9) ?? trace.radiusMm;
  const grid = gridFor(volume, bigRadius, Math.min(0.7, Math.max(0.4, volume.spacing[0])));
  const buffer = new Float32Array(grid.size * grid.size);
  const rays = positions.map((position, n) => {
    hooks.checkCancelled();
    if (n % 16 === 0) hooks.progress(span.stage, span.from + ((span.to - span.from) * n) / positions.length / 2);
    const centre = pointOnAxis(frame, position);
    const radius = interpolate(stationPositions, stationRadii, position) ?? trace.radiusMm;
    const { image } = sampleSection(volume, frame, centre, grid, buffer, discOf(grid));
    return { centre, radius, profile: castRays(image, 0, 0, radius) };
  });
  const peaks = referencePeaks(positions, rays.map((r) => r.profile.peak));
  const good: { centre: Vector3; radius: number; position: number }[] = [];
  rays.forEach(({ centre, radius, profile }, n) => {
    const destroyed = destroyedRays(profile.peak, intactLevel(peaks[n]!, profile.softHu));
    const ring = fitSectionRing(profile, destroyed, 0, 0);
    const destroyedCount = destroyed.reduce((a, b) => a + b, 0);
    if (!ring?.centreFitted || ring.periosteal.rms > 0.1 * radius || destroyedCount > RAY_COUNT / 10) return;
    good.push({ centre: inPlanePoint(frame, centre, ring.periosteal.cu, ring.periosteal.cv), radius: ring.periosteal.radius, position: positions[n]! });
  });
  return { positions, peaks, good };
}

/** The axis through the well-fitted ring centres (outliers dropped), or the trace's when too few. */
function refinedAxis(good: readonly { centre: Vector3; radius: number }[], fallback: Line3, radiusMm: number): Line3 {
  let line = fitLine(good.map((g) => g.centre)) ?? fallback;
  const near = good.filter((g) => distanceToLine(g.centre, line) <= Math.max(1, 0.1 * radiusMm));
  if (near.length >= 3) line = fitLine(near.map((g) => g.centre)) ?? line;
  if (good.length < 3) return fallback;
  return dot(line.direction, fallback.direction) < 0 ? { point: line.point, direction: scale(line.direction, -1) } : line;
}

/**
 * Measures a traced bone: a coarse pass places the ring centres and refines the axis; the
 * measuring pass then takes a section every `sectionSpacingMm` perpendicular to the refined
 * axis, centred on the ring centre (interpolated between well-fitted sections), and on each
 * finds the cortex by rays, the destroyed rays and arcs, the rings and the rigidity.
 * @param anchor - the click: the frame's origin is its projection onto the axis
 * @param sectionSpacingMm - between measured sections (1 mm for the lesion's bone; a reference bone needs fewer)
 */
export function measureBone(
  volume: Volume,
  trace: BoneTrace,
  anchor: readonly number[],
  moduli: ModulusTable,
  poissonRatio: number,
  hooks: AnalysisHooks,
  span: ProgressSpan,
  sectionSpacingMm = SECTION_SPACING_MM,
): MeasuredBone {
  const projectedAnchor = (line: Line3) => add(line.point, scale(line.direction, dot(subtract(anchor, line.point), line.direction)));
  const coarseFrame = sectionFrame(projectedAnchor(trace.axis), trace.axis.direction);
  const coarse = placeRings(volume, trace, coarseFrame, hooks, span);
  const axis = refinedAxis(coarse.good, trace.axis, trace.radiusMm);
  const frame = sectionFrame(projectedAnchor(axis), axis.direction);

  // Interpolation wants the well-fitted rings in increasing position along the refined axis.
  const good = coarse.good.map((g) => ({ ...g, position: axialPosition(frame, g.centre) })).sort((a, b) => a.position - b.position);
  const goodPositions = good.map((g) => g.position);
  const goodOffsets = good.map((g) => inPlaneOffsets(frame, pointOnAxis(frame, g.position), g.centre));
  const goodRadii = good.map((g) => g.radius);
  const ends = [coarse.positions[0]!, coarse.positions[coarse.positions.length - 1]!].map((p) => axialPosition(frame, pointOnAxis(coarseFrame, p)));
  const positions = positionsBetween(Math.ceil(Math.min(...ends)), Math.floor(Math.max(...ends)), sectionSpacingMm);
  const fallbackRadius = percentile(goodRadii, 0.5) ?? trace.radiusMm;
  const bigRadius = Math.max(percentile(goodRadii, 0.9) ?? 0, trace.radiusMm);
  const grid = gridFor(volume, bigRadius, Math.min(0.5, Math.max(0.25, 0.6 * Math.min(volume.spacing[0], volume.spacing[1]))));
  const table = polarTable(grid);
  const buffer = new Float32Array(grid.size * grid.size);
  const coarsePositions = coarse.positions.map((p) => axialPosition(frame, pointOnAxis(coarseFrame, p)));
  const goodU = goodOffsets.map((o) => o.u);
  const goodV = goodOffsets.map((o) => o.v);

  const sections = positions.map((position, n): MeasuredSection => {
    hooks.checkCancelled();
    if (n % 16 === 0) hooks.progress(span.stage, span.from + ((span.to - span.from) * (0.5 + (0.5 * n) / positions.length)));
    const u = interpolate(goodPositions, goodU, position) ?? 0;
    const v = interpolate(goodPositions, goodV, position) ?? 0;
    const centre = inPlanePoint(frame, pointOnAxis(frame, position), u, v);
    const radius = interpolate(goodPositions, goodRadii, position) ?? fallbackRadius;
    const { image } = sampleSection(volume, frame, centre, grid, buffer, discOf(grid));
    const profile = castRays(image, 0, 0, radius);
    const level = intactLevel(interpolate(coarsePositions, coarse.peaks, position) ?? 0, profile.softHu);
    const destroyed = destroyedRays(profile.peak, level);
    const runs = destroyedRuns(profile.peak, destroyed, level);
    const ring = fitSectionRing(profile, destroyed, 0, 0);
    const periostealRadiusMm = ring?.periosteal.radius ?? radius;
    const envelope = Float32Array.from(profile.periosteal, (r, m) => (destroyed[m] || !Number.isFinite(r) ? periostealRadiusMm : r));
    return {
      position,
      centre: ring?.centreFitted ? inPlanePoint(frame, centre, ring.periosteal.cu, ring.periosteal.cv) : centre,
      periostealRadiusMm,
      endostealRadiusMm: ring?.endosteal?.radius ?? null,
      ringRmsMm: ring?.centreFitted ? ring.periosteal.rms : null,
      destroyed,
      runs,
      rigidity: sectionRigidity(image, table, envelope, ENVELOPE_MARGIN_MM, moduli, poissonRatio),
    };
  });
  return { frame, sectionSpacingMm, sections, radiusMm: percentile(sections.map((s) => s.periostealRadiusMm), 0.5) ?? fallbackRadius };
}
