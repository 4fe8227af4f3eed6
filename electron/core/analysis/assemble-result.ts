import {
  BONE_ANALYSIS_METHOD,
  FIGURE_DEFINITIONS,
  type BoneAnalysisResult,
  type BoneSection,
  type DestructionRegion,
  type SectionArc,
} from '@shared/analysis/bone-analysis-result';
import type { PatientPoint } from '@shared/analysis/bone-analysis-request';
import type { Vector3 } from '@shared/geometry/vector3';
import type { MeasuredBone, MeasuredSection } from './bone/measure-bone';
import type { InvolvementFigures } from './cortex/involvement-figures';
import { inPlanePoint } from './section/section-frame';
import type { ReferenceRigidities } from './rigidity/rigidity-reference';
import type { SectionRatios } from './rigidity/rigidity-verdict';

/** A point of a section's periosteal circle at an angle (degrees). */
function rimPoint(bone: MeasuredBone, section: MeasuredSection, deg: number): PatientPoint {
  const a = (deg * Math.PI) / 180;
  return inPlanePoint(bone.frame, section.centre, section.periostealRadiusMm * Math.cos(a), section.periostealRadiusMm * Math.sin(a));
}

/** The destroyed arcs of a section that belong to kept regions, with the cortical-arc tool's four points. */
function sectionArcs(bone: MeasuredBone, section: MeasuredSection, labels: Int32Array): SectionArc[] {
  return section.runs
    .filter((run) => labels[run.firstRay]! >= 0)
    .map((run) => ({
      startDeg: run.startDeg,
      endDeg: run.endDeg,
      sweepDeg: run.sweepDeg,
      regionId: labels[run.firstRay]!,
      toolPoints: [section.centre, rimPoint(bone, section, run.startDeg), rimPoint(bone, section, run.endDeg), rimPoint(bone, section, run.startDeg + run.sweepDeg / 2)],
    }));
}

/** The per-section profile of the result. */
export function resultSections(bone: MeasuredBone, labels: readonly Int32Array[], ratios: SectionRatios): BoneSection[] {
  return bone.sections.map((section, k) => {
    const arcs = sectionArcs(bone, section, labels[k]!);
    return {
      index: k,
      position: section.position,
      centre: section.centre,
      periostealRadiusMm: section.periostealRadiusMm,
      endostealRadiusMm: section.endostealRadiusMm,
      circumferentialInvolvementPct: Math.min(100, (100 * arcs.reduce((sum, arc) => sum + arc.sweepDeg, 0)) / 360),
      cortexIntact: arcs.length === 0,
      ea: section.rigidity.ea,
      eiMin: section.rigidity.eiMin,
      gj: section.rigidity.gj,
      eaRatio: ratios[k]!.ea,
      eiMinRatio: ratios[k]!.eiMin,
      gjRatio: ratios[k]!.gj,
      arcs,
    };
  });
}

/** Everything assembleResult needs beyond the measured bone. */
export interface ResultParts {
  seriesInstanceUid: string;
  at: PatientPoint;
  tiltDeg: number;
  labels: readonly Int32Array[];
  regions: DestructionRegion[];
  figures: InvolvementFigures;
  ratios: SectionRatios;
  rigidity: BoneAnalysisResult['rigidity'];
  reference: { kind: 'contralateral' | 'own-sections' | 'none'; foundBy: 'mirrored' | 'second-click' | null; seed: PatientPoint | null; values: ReferenceRigidities; note: string };
  notes: string[];
  seconds: number;
}

/** The result as it crosses the contract. */
export function assembleResult(bone: MeasuredBone, parts: ResultParts): BoneAnalysisResult {
  const { figures } = parts;
  const first = bone.sections[0]!.position;
  const last = bone.sections[bone.sections.length - 1]!.position;
  return {
    method: { ...BONE_ANALYSIS_METHOD },
    seriesInstanceUid: parts.seriesInstanceUid,
    at: parts.at,
    axis: {
      point: bone.frame.origin,
      direction: bone.frame.direction as Vector3,
      u: bone.frame.u,
      v: bone.frame.v,
      angleToSliceNormalDeg: parts.tiltDeg,
      sectionSpacingMm: bone.sectionSpacingMm,
      lengthMm: last - first,
    },
    sections: resultSections(bone, parts.labels, parts.ratios),
    regions: parts.regions,
    regionId: figures.regionId,
    circumferentialInvolvementPct: figures.circumferentialInvolvementPct,
    axialInvolvementMm: figures.axialInvolvementMm,
    lesionWidthMm: figures.lesionWidthMm,
    boneDiameterMm: figures.boneDiameterMm,
    takenOn: {
      circumferentialInvolvementPct: figures.worstSection,
      axialInvolvementMm: figures.axialInvolvementMm === null || figures.firstSection === null || figures.lastSection === null ? null : { first: figures.firstSection, last: figures.lastSection },
      lesionWidthMm: figures.worstSection,
      boneDiameterMm: figures.diameterSection,
    },
    rigidity: parts.rigidity,
    reference: {
      kind: parts.reference.kind,
      foundBy: parts.reference.foundBy,
      seed: parts.reference.seed,
      sections: parts.reference.values.map((value, index) => ({ index, ea: value?.ea ?? null, eiMin: value?.eiMin ?? null, gj: value?.gj ?? null })),
      note: parts.reference.note,
    },
    definitions: { ...FIGURE_DEFINITIONS },
    notes: parts.notes,
    seconds: parts.seconds,
  };
}
