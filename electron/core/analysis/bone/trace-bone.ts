import { add, dot, scale, subtract, type Vector3 } from '@shared/geometry/vector3';
import { distanceToLine, fitLine, type Line3 } from '../math/principal-axes';
import { median } from '../math/statistics';
import { blobNear } from '../section/section-blob';
import { inPlanePoint, sectionFrame } from '../section/section-frame';
import { sampleSection } from '../section/sample-section';
import { discExit, outlineExit } from '../section/disc-exit';
import type { Volume } from '../volume/volume';
import { BONE_HU } from './bone-thresholds';

/** One step of the trace: the bone's centroid on a section and its size there. */
export interface TraceStation {
  centre: Vector3;
  areaMm2: number;
  radiusMm: number;
}

/** A bone followed along its axis from a click, both ways, until it ends or leaves the series. */
export interface BoneTrace {
  /** Ordered along axis.direction. */
  stations: TraceStation[];
  /** The line most stations agree on (a lesion displaces its stations' centroids). */
  axis: Line3;
  /** The share of stations within a quarter radius (or 3% of the length) of the axis: how straight the bone is. */
  inlierFraction: number;
  /** RMS distance of those stations from the axis (mm). */
  rmsMm: number;
  /** Median of the stations' outer radius. */
  radiusMm: number;
  /** From the first station to the last along the axis (mm). */
  lengthMm: number;
  /** Why the trace stopped at each end, in words for a refusal. */
  endings: [string, string];
}

const STEP_MM = 2;
/** How far beyond the bone's outline a section must be imaged for its cortex to be measured (mm): the blur of its outer edge. */
const IMAGED_MARGIN_MM = 1;
/** Why a trace stopped: past the first or last slice. */
const SERIES_EDGE = 'the edge of the series';
/** Why a trace stopped: the bone leaves the images in plane, or reaches the padding outside the scanner's circle. */
export const FIELD_OF_VIEW_EDGE = 'the edge of the field of view';
const MAX_STATIONS = 1500;
/**
 * How far past a section without bone the trace looks for the shaft to go on (mm): a lesion that
 * destroys the whole circumference leaves no bone on its sections, and the bone on its far side
 * belongs to the same shaft. A shaft's true end widens first (caught as a widening or a joint).
 */
const BRIDGE_MM = 40;
/** The shaft found past a gap must be this close to the axis (in radii) and of a like radius (factor). */
const BRIDGE_OFF_AXIS_RADII = 0.3;
const BRIDGE_RADIUS_FACTOR = 1.3;

/** Stations within this distance of a line are taken as on it when fitting the axis (mm). */
function fitTolerance(radiusMm: number): number {
  return Math.max(1, 0.07 * radiusMm);
}

/** The line through the stations near a starting line, refitted twice. */
function refit(stations: readonly TraceStation[], start: Line3, tolerance: number): Line3 {
  let line = start;
  for (let pass = 0; pass < 2; pass++) {
    const near = stations.filter((s) => distanceToLine(s.centre, line) <= tolerance);
    if (near.length < 3) break;
    const fitted = fitLine(near.map((s) => s.centre));
    if (!fitted) break;
    line = dot(fitted.direction, line.direction) < 0 ? { point: fitted.point, direction: scale(fitted.direction, -1) } : fitted;
  }
  return line;
}

/**
 * The axis most stations agree on: refits started from the current line, from each end quarter
 * of the stations and from all of them; the one with the least truncated squared distance wins.
 * A lesion displaces the centroids of its stations, and the trace may have started inside it;
 * a long bone's two ends are rarely both diseased.
 */
function robustAxis(stations: readonly TraceStation[], current: Line3, radiusMm: number): Line3 {
  if (stations.length < 5) {
    const all = fitLine(stations.map((s) => s.centre));
    if (!all || Math.abs(dot(all.direction, current.direction)) < Math.cos((20 * Math.PI) / 180)) return current;
    return dot(all.direction, current.direction) < 0 ? { point: all.point, direction: scale(all.direction, -1) } : all;
  }
  const tolerance = fitTolerance(radiusMm);
  const quarter = Math.max(3, Math.floor(stations.length / 4));
  const starts = [current, fitLine(stations.slice(0, quarter).map((s) => s.centre)), fitLine(stations.slice(-quarter).map((s) => s.centre)), fitLine(stations.map((s) => s.centre))];
  const cost = (line: Line3) => stations.reduce((sum, s) => sum + Math.min(distanceToLine(s.centre, line), tolerance) ** 2, 0);
  let best = current;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const start of starts) {
    if (!start) continue;
    const candidate = refit(stations, dot(start.direction, current.direction) < 0 ? { point: start.point, direction: scale(start.direction, -1) } : start, tolerance);
    const c = cost(candidate);
    if (c < bestCost) {
      bestCost = c;
      best = candidate;
    }
  }
  return best;
}

/**
 * Where the shaft goes on past a section without bone (position along the line), looking up to
 * BRIDGE_MM ahead for a section whose bone lies on the axis with a like radius; null when none does.
 */
function shaftPastGap(volume: Volume, line: Line3, along: number, way: 1 | -1, radiusMm: number, size: number, spacing: number, buffer: Float32Array): number | null {
  for (let ahead = STEP_MM; ahead <= BRIDGE_MM; ahead += STEP_MM) {
    const position = along + way * ahead;
    const centre = add(line.point, scale(line.direction, position));
    if (discExit(volume, sectionFrame(centre, line.direction), centre, radiusMm + 3) === 'slices') return null;
    const { image } = sampleSection(volume, sectionFrame(centre, line.direction), centre, { size, spacingMm: spacing }, buffer);
    const blob = blobNear(image, BONE_HU, 0, 0, 1.3 * radiusMm + 3);
    if (!blob || blob.touchesBorder) continue;
    const onAxis = Math.hypot(blob.cu, blob.cv) <= BRIDGE_OFF_AXIS_RADII * radiusMm;
    const likeSize = blob.radiusMm <= BRIDGE_RADIUS_FACTOR * radiusMm && blob.radiusMm >= radiusMm / BRIDGE_RADIUS_FACTOR;
    if (onAxis && likeSize) return position;
  }
  return null;
}

/**
 * Follows the bone from a start point along a first axis estimate, in steps of STEP_MM, each
 * way: on each section perpendicular to the current axis, the bone region nearest the predicted
 * centre; the axis is refitted to the stations as it goes.
 * @param start - a point on the first axis estimate, next to the click
 * @param radiusMm - the bone's outer radius, as first estimated
 * @param checkCancelled - called at every station; throws to stop
 */
export function traceBone(volume: Volume, start: Line3, radiusMm: number, checkCancelled: () => void): BoneTrace {
  const spacing = Math.max(1, Math.min(volume.spacing[0], volume.spacing[1]));
  const halfMm = 2.2 * radiusMm + 8;
  const size = 2 * Math.ceil(halfMm / spacing) + 1;
  const buffer = new Float32Array(size * size);
  let line = start;
  const stations: TraceStation[] = [];
  const endings: [string, string] = ['', ''];
  for (const way of [1, -1] as const) {
    let last: Vector3 = way === 1 ? start.point : (stations[0]?.centre ?? start.point);
    let first = way === 1;
    const collected: TraceStation[] = [];
    while (stations.length + collected.length < MAX_STATIONS) {
      checkCancelled();
      const along = dot(subtract(last, line.point), line.direction) + (first ? 0 : way * STEP_MM);
      first = false;
      const predicted = add(line.point, scale(line.direction, along));
      // Never below the first estimate: a trace that starts in a large lesion sees only a strip of cortex at first.
      const typical = Math.max(radiusMm, median(collected.concat(stations).map((s) => s.radiusMm)) ?? 0);
      const frame = sectionFrame(predicted, line.direction);
      if (discExit(volume, frame, predicted, typical + 3) === 'slices') {
        endings[way === 1 ? 1 : 0] = SERIES_EDGE;
        break;
      }
      const { image } = sampleSection(volume, frame, predicted, { size, spacingMm: spacing }, buffer);
      const blob = blobNear(image, BONE_HU, 0, 0, 1.3 * typical + 3);
      if (!blob) {
        const across = shaftPastGap(volume, line, along, way, typical, size, spacing, buffer);
        if (across === null) {
          endings[way === 1 ? 1 : 0] = 'the end of the bone';
          break;
        }
        // Go on from the far side of the gap: its sections are measured, their cortex found destroyed.
        last = add(line.point, scale(line.direction, across));
        first = true;
        continue;
      }
      if (blob.touchesBorder || blob.radiusMm > 2.5 * typical) {
        endings[way === 1 ? 1 : 0] = 'a widening or a joint';
        break;
      }
      // Measured, the cortex needs all of it imaged with the tissue just beyond it, never the padding
      // outside the scanner's circle: the bone's own outline, wherever a lesion moved its centroid.
      const centre = inPlanePoint(frame, predicted, blob.cu, blob.cv);
      const exit = outlineExit(volume, frame, centre, blob.reachMm.map((r) => r + IMAGED_MARGIN_MM));
      if (exit !== null) {
        endings[way === 1 ? 1 : 0] = exit === 'slices' ? SERIES_EDGE : FIELD_OF_VIEW_EDGE;
        break;
      }
      const station = { centre, areaMm2: blob.areaMm2, radiusMm: blob.radiusMm };
      collected.push(station);
      last = predicted;
      if (collected.length % 4 === 1) line = robustAxis(way === 1 ? collected : [...collected].reverse().concat(stations), line, typical);
    }
    if (way === 1) stations.push(...collected);
    else stations.unshift(...collected.reverse());
  }
  const typical = median(stations.map((s) => s.radiusMm)) ?? radiusMm;
  const axis = robustAxis(stations, line, Math.max(typical, radiusMm));
  const positions = stations.map((s) => dot(subtract(s.centre, axis.point), axis.direction));
  const order = positions.map((p, n) => [p, n] as const).sort((a, b) => a[0] - b[0]);
  const sorted = order.map(([, n]) => stations[n]!);
  const lengthMm = order.length > 1 ? order[order.length - 1]![0] - order[0]![0] : 0;
  // Straight enough for a shaft: a bowed femur strays from its chord by a few per cent of its length.
  const inliers = stations.filter((s) => distanceToLine(s.centre, axis) <= Math.max(0.25 * typical, 0.03 * lengthMm));
  const rms = Math.sqrt(inliers.reduce((sum, s) => sum + distanceToLine(s.centre, axis) ** 2, 0) / Math.max(1, inliers.length));
  return {
    stations: sorted,
    axis,
    inlierFraction: stations.length > 0 ? inliers.length / stations.length : 0,
    rmsMm: rms,
    radiusMm: typical,
    lengthMm,
    endings,
  };
}


/**
 * Whether a point lies within a traced bone: no further from its axis than its radius and a
 * tolerance (mm), and along it no further than a radius beyond its first and last stations.
 */
export function withinTrace(trace: BoneTrace, point: readonly number[], toleranceMm: number): boolean {
  if (trace.stations.length === 0) return false;
  const along = (p: readonly number[]) => dot(subtract(p, trace.axis.point), trace.axis.direction);
  const first = along(trace.stations[0]!.centre);
  const last = along(trace.stations[trace.stations.length - 1]!.centre);
  const at = along(point);
  if (at < Math.min(first, last) - trace.radiusMm || at > Math.max(first, last) + trace.radiusMm) return false;
  return distanceToLine(point, trace.axis) <= trace.radiusMm + toleranceMm;
}
