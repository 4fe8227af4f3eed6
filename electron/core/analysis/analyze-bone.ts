import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import {
  DRAGOMIR_DAESCU_DENSITY,
  DRAGOMIR_DAESCU_MODULUS,
  POISSON_RATIO,
  RIGIDITY_CRITERION,
  RIGIDITY_FLAG_RATIO,
  type CtraConstants,
} from '@shared/analysis/ctra-constants';
import type { AnalysisHooks } from './analysis-hooks';
import { assembleResult } from './assemble-result';
import { findLongBone } from './bone/find-long-bone';
import { axisTiltDeg } from './bone/long-bone-check';
import { contralateralBone } from './contralateral-bone';
import { labelRegions } from './cortex/destruction-regions';
import { involvementFigures, summariseRegions } from './cortex/involvement-figures';
import { RAY_COUNT } from './cortex/ray-profile';
import { calibrate } from './rigidity/calibration';
import { modulusTable } from './rigidity/modulus';
import { affectedSections, contralateralRigidities, ownSectionRigidities, type ReferenceRigidities } from './rigidity/rigidity-reference';
import { rigidityVerdict, sectionRatios } from './rigidity/rigidity-verdict';
import type { Volume } from './volume/volume';

/** Sections this close to destroyed cortex (mm) are not taken as unaffected references. */
const AFFECTED_MARGIN_MM = 5;

/** Where each step's progress lies in the whole job (reading the series takes the first 30%). */
export const PROGRESS = {
  sections: { stage: 'sections', from: 0.3, to: 0.75 },
  contralateral: { stage: 'contralateral', from: 0.75, to: 0.99 },
} as const;

/**
 * The bone analysis of a CT volume: finds the long bone at the click, measures its cortex and
 * rigidity section by section, proposes the involvement figures for the destroyed region nearest
 * the click, and compares rigidity with the contralateral bone (or the bone's own unaffected
 * sections). Pure: no files, no database.
 * @throws AppError not_found / unsupported / cancelled (see findLongBone and the hooks)
 */
export function analyzeBone(volume: Volume, request: BoneAnalysisRequest, hooks: AnalysisHooks): BoneAnalysisResult {
  const started = performance.now();
  hooks.progress('finding-bone', PROGRESS.sections.from);
  const calibration = calibrate(volume, request.calibration, DRAGOMIR_DAESCU_DENSITY);
  const moduli = modulusTable(calibration.hu, calibration.density, DRAGOMIR_DAESCU_MODULUS);
  const bone = findLongBone(volume, request.at, moduli, POISSON_RATIO, hooks, PROGRESS.sections);

  const cellArea = (k: number) => (2 * Math.PI * bone.sections[k]!.periostealRadiusMm * bone.sectionSpacingMm) / RAY_COUNT;
  const { labels, regions } = labelRegions(bone.sections.map((s) => s.destroyed), cellArea);
  const summaries = summariseRegions(bone, labels, regions, request.at);
  const figures = involvementFigures(bone, labels, summaries, request.at);

  const other = contralateralBone(volume, bone, request.at, request.contralateral, moduli, POISSON_RATIO, hooks, PROGRESS.contralateral);
  const destroyed = labels.map((row) => row.some((label) => label >= 0));
  let values: ReferenceRigidities = other.bone ? contralateralRigidities(bone, other.bone) : [];
  let kind: 'contralateral' | 'own-sections' | 'none' = 'contralateral';
  let note = other.note;
  if (!other.bone || values.every((v) => v === null)) {
    if (other.bone) note = 'The contralateral bone does not reach the levels of this bone: rigidity is compared with its own unaffected sections.';
    values = ownSectionRigidities(bone, affectedSections(bone, destroyed, AFFECTED_MARGIN_MM));
    kind = values.some((v) => v !== null) ? 'own-sections' : 'none';
    if (kind === 'none') note = `${note} No section of this bone is free of destruction: no rigidity reference.`;
  }
  const constants: CtraConstants = {
    calibration: calibration.result,
    density: calibration.density,
    modulus: DRAGOMIR_DAESCU_MODULUS,
    poissonRatio: POISSON_RATIO,
    flagAtOrBelowRatio: RIGIDITY_FLAG_RATIO,
    units: { ea: 'N', eiMin: 'N mm2', gj: 'N mm2' },
    criterion: RIGIDITY_CRITERION,
  };
  const ratios = sectionRatios(bone, values);
  const result = assembleResult(bone, {
    seriesInstanceUid: request.seriesInstanceUid,
    at: request.at,
    tiltDeg: axisTiltDeg(volume, bone.frame.direction),
    labels,
    regions: summaries,
    figures,
    ratios,
    rigidity: rigidityVerdict(bone, ratios, constants),
    reference: { kind, foundBy: other.foundBy, seed: other.seed, values, note },
    notes: [calibration.result.note, note, ...(figures.note ? [figures.note] : [])],
    seconds: (performance.now() - started) / 1000,
  });
  hooks.progress('done', 1);
  return result;
}
