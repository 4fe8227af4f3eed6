import type { Lesion } from '../lesion/lesion';
import { getBone } from '../anatomy/catalogue';
import { sinsRegionOfLevel, type SinsSpinalRegion } from '../anatomy/spine';
import { isSpinalBone, spinalLevelsOf } from '../anatomy/spinal-levels';
import type { ScoreBand, ScoreResult } from './result';
import { SINS } from './thresholds';
import { SINS_POINTS, categoryLabel } from './tables';
import { bandedTotal, tableComponent } from './components';
import { applicableScore } from './applicable-score';
import { sinsCollapse } from './sins-collapse';
import { notApplicable } from './not-applicable';
import { scoreMissingInput } from './input-names';

const NAME = 'Spinal Instability Neoplastic Score (SINS)';
const SOURCE = 'Fisher CG et al. Spine 2010;35:E1221-E1229';

/** SINS interpretation band of a total (0-18). */
export function sinsBand(total: number): ScoreBand {
  if (total >= SINS.unstableMin) return { id: 'unstable', label: `${SINS.unstableMin}-18: unstable` };
  if (total >= SINS.potentiallyUnstableMin) {
    return { id: 'potentially-unstable', label: `${SINS.potentiallyUnstableMin}-${SINS.unstableMin - 1}: potentially unstable` };
  }
  return { id: 'stable', label: `0-${SINS.stableMax}: stable` };
}

/**
 * SINS of a spinal lesion (a vertebra, or the sacrum: S1 junctional, S2-S5 rigid): six components,
 * or their range while inputs are missing. A sacral lesion whose segment is not recorded scores its
 * location as the range over S1-S5 (0 or 3), never as one of them.
 */
export function scoreSins(lesion: Lesion): ScoreResult {
  const bone = getBone(lesion.boneId);
  if (!bone || !isSpinalBone(bone.id)) {
    return notApplicable('sins', NAME, SOURCE, `SINS scores spinal lesions; ${bone?.name ?? lesion.boneId} is not a vertebra or the sacrum`);
  }
  const levels = spinalLevelsOf(bone.id, lesion.regionId);
  const regions = [...new Set(levels.map((level) => sinsRegionOfLevel(level)).filter((r): r is SinsSpinalRegion => r !== null))];
  if (regions.length === 0) {
    return notApplicable('sins', NAME, SOURCE, `SINS defines no location score for the ${bone.name.toLowerCase()}`);
  }
  const collapse = sinsCollapse(lesion);
  const location = tableComponent('location', 'Location', SINS_POINTS.location, regions.length === 1 ? (regions[0] ?? null) : null, regions);
  const collapseComponent = tableComponent('collapse', 'Vertebral body collapse', SINS_POINTS.collapse, collapse.category, collapse.candidates);
  const components = [
    { ...location, value: levels.length === 1 ? `${levels[0]} (${categoryLabel(regions[0] ?? '')})` : null },
    tableComponent('pain', 'Pain', SINS_POINTS.pain, lesion.clinical.sinsPain),
    tableComponent('bone-lesion', 'Bone lesion', SINS_POINTS.boneLesion, lesion.nature),
    tableComponent('alignment', 'Radiographic alignment', SINS_POINTS.alignment, lesion.spine.alignment),
    { ...collapseComponent, value: joinValues(collapseComponent.value, collapse.value) },
    tableComponent('posterolateral', 'Posterolateral involvement', SINS_POINTS.posterolateral, lesion.spine.posterolateralInvolvement),
  ];
  const missingInputs: string[] = [];
  if (regions.length > 1) missingInputs.push(scoreMissingInput('sacralSegment'));
  if (lesion.clinical.sinsPain === null) missingInputs.push(scoreMissingInput('sinsPain'));
  if (lesion.nature === null) missingInputs.push(scoreMissingInput('lesionNature'));
  if (lesion.spine.alignment === null) missingInputs.push(scoreMissingInput('alignment'));
  if (collapse.missingInput !== null) missingInputs.push(collapse.missingInput);
  if (lesion.spine.posterolateralInvolvement === null) missingInputs.push(scoreMissingInput('posterolateralInvolvement'));

  const { lo, hi, shown, band, possibleBands, notes } = bandedTotal('SINS', components, missingInputs, sinsBand);
  const reasons: string[] = [];
  if (lo >= SINS.unstableMin) reasons.push(`SINS ${shown} >= ${SINS.unstableMin}`);
  else if (lo >= SINS.potentiallyUnstableMin && hi < SINS.unstableMin) {
    reasons.push(`SINS ${shown} in ${SINS.potentiallyUnstableMin}-${SINS.unstableMin - 1}`);
  } else if (lo >= SINS.potentiallyUnstableMin) reasons.push(`SINS ${shown} >= ${SINS.potentiallyUnstableMin}`);
  return applicableScore({
    score: 'sins',
    name: NAME,
    source: SOURCE,
    components,
    missingInputs,
    band,
    possibleBands,
    // 7 or more warrants surgical consultation (Fisher 2010).
    flagged: lo >= SINS.potentiallyUnstableMin ? true : hi < SINS.potentiallyUnstableMin ? false : null,
    reasons,
    definition: null,
    notes,
  });
}

function joinValues(category: string | null, measured: string | null): string | null {
  if (category && measured) return `${category} (${measured})`;
  return category ?? measured;
}
