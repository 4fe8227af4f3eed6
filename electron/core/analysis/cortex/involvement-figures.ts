import type { DestructionRegion } from '@shared/analysis/bone-analysis-result';
import type { MeasuredBone, MeasuredSection } from '../bone/measure-bone';
import { inPlanePoint } from '../section/section-frame';
import type { DestroyedRun } from './destroyed-arcs';
import type { LabelledRegion } from './destruction-regions';
import { RAY_COUNT, rayDirection } from './ray-profile';

/** What the analysis proposes for the region nearest the click. */
export interface InvolvementFigures {
  regionId: number | null;
  circumferentialInvolvementPct: number | null;
  axialInvolvementMm: number | null;
  lesionWidthMm: number | null;
  boneDiameterMm: number;
  worstSection: number | null;
  firstSection: number | null;
  lastSection: number | null;
  /** Where the diameter was taken: the worst section, or the section nearest the click without a region. */
  diameterSection: number;
  /** Why a figure is missing or only a bound, for the reader; null when nothing needs saying. */
  note: string | null;
}

/** The runs of a section that belong to a region. */
export function regionRuns(section: MeasuredSection, labels: Int32Array, regionId: number): DestroyedRun[] {
  return section.runs.filter((run) => labels[run.firstRay] === regionId);
}

/** Circular distance between two angles (degrees, 0..180). */
function separation(a: number, b: number): number {
  const d = (((a - b) % 360) + 360) % 360;
  return d > 180 ? 360 - d : d;
}

/**
 * The largest angular separation (0..180 degrees) between two points of a union of arcs: 180
 * when some point's antipode is also on an arc, else the largest separation of two arc ends
 * (the distance between points of two intervals peaks at their ends or at antipodes).
 */
export function widestSeparationDeg(runs: readonly DestroyedRun[]): number {
  const covers = (run: DestroyedRun, angle: number) => ((((angle - run.startDeg) % 360) + 360) % 360) <= run.sweepDeg;
  for (const a of runs) {
    if (a.sweepDeg >= 180) return 180;
    for (const b of runs) if (covers(b, a.startDeg + 180) || covers(b, a.endDeg + 180)) return 180;
  }
  let widest = 0;
  for (const a of runs) for (const b of runs) for (const x of [a.startDeg, a.endDeg]) for (const y of [b.startDeg, b.endDeg]) widest = Math.max(widest, separation(x, y));
  return widest;
}

/** Summaries of every region: extent, worst section and distance from the click. */
export function summariseRegions(bone: MeasuredBone, labels: readonly Int32Array[], regions: readonly LabelledRegion[], click: readonly number[]): DestructionRegion[] {
  return regions.map((region) => {
    let worstSection = region.firstSection;
    let worstSweep = -1;
    let nearest = Number.POSITIVE_INFINITY;
    for (let k = region.firstSection; k <= region.lastSection; k++) {
      const section = bone.sections[k]!;
      const sweep = regionRuns(section, labels[k]!, region.id).reduce((sum, run) => sum + run.sweepDeg, 0);
      if (sweep > worstSweep) {
        worstSweep = sweep;
        worstSection = k;
      }
      for (let m = 0; m < RAY_COUNT; m++) {
        if (labels[k]![m] !== region.id) continue;
        const [du, dv] = rayDirection(m);
        const p = inPlanePoint(bone.frame, section.centre, section.periostealRadiusMm * du, section.periostealRadiusMm * dv);
        nearest = Math.min(nearest, Math.hypot(p[0] - click[0]!, p[1] - click[1]!, p[2] - click[2]!));
      }
    }
    return {
      id: region.id,
      firstSection: region.firstSection,
      lastSection: region.lastSection,
      worstSection,
      worstPct: Math.min(100, (100 * worstSweep) / 360),
      distanceFromClickMm: nearest,
    };
  });
}

/**
 * The figures the reader is offered, for the region nearest the click: circumferential
 * involvement on its worst section, its axial extent (section count x spacing), and on the worst
 * section Mirels' lesion width (longest chord across its destroyed arcs) and bone diameter.
 */
export function involvementFigures(bone: MeasuredBone, labels: readonly Int32Array[], summaries: readonly DestructionRegion[], click: readonly number[]): InvolvementFigures {
  const region = [...summaries].sort((a, b) => a.distanceFromClickMm - b.distanceFromClickMm)[0];
  if (!region) {
    const clickPosition = bone.frame.direction.reduce((sum, d, n) => sum + d * (click[n]! - bone.frame.origin[n]!), 0);
    const nearest = bone.sections.reduce((best, s, k) => (Math.abs(s.position - clickPosition) < Math.abs(bone.sections[best]!.position - clickPosition) ? k : best), 0);
    return {
      regionId: null, circumferentialInvolvementPct: null, axialInvolvementMm: null, lesionWidthMm: null,
      boneDiameterMm: 2 * bone.sections[nearest]!.periostealRadiusMm,
      worstSection: null, firstSection: null, lastSection: null, diameterSection: nearest, note: null,
    };
  }
  const worst = bone.sections[region.worstSection]!;
  const radius = worst.periostealRadiusMm;
  const separationDeg = widestSeparationDeg(regionRuns(worst, labels[region.worstSection]!, region.id));
  const extentMm = (region.lastSection - region.firstSection + 1) * bone.sectionSpacingMm;
  // Destruction on the first or last section analysed may go on past it (the edge of the series,
  // or where the bone could no longer be followed): its length there is only a lower bound.
  const cutShort = region.firstSection === 0 || region.lastSection === bone.sections.length - 1;
  return {
    regionId: region.id,
    circumferentialInvolvementPct: region.worstPct,
    axialInvolvementMm: cutShort ? null : extentMm,
    lesionWidthMm: 2 * radius * Math.sin((separationDeg * Math.PI) / 360),
    boneDiameterMm: 2 * radius,
    worstSection: region.worstSection,
    firstSection: region.firstSection,
    lastSection: region.lastSection,
    diameterSection: region.worstSection,
    note: cutShort
      ? `The destroyed cortex reaches the ${region.firstSection === 0 ? 'first' : 'last'} section of the bone that could be analysed ` +
        `(the edge of the series, or where the bone could no longer be followed): its axial extent is at least ${extentMm.toFixed(0)} mm ` +
        'and is not proposed; measure it on a series that covers the whole lesion. The circumferential involvement is that of the part analysed.'
      : null,
  };
}
