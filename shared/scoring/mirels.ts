import type { Lesion } from '../lesion/lesion';
import { getBone } from '../anatomy/catalogue';
import { possibleMirelsSites } from '../anatomy/mirels-site';
import type { ScoreBand, ScoreResult } from './result';
import { MIRELS } from './thresholds';
import { MIRELS_POINTS } from './tables';
import { bandedTotal, tableComponent } from './components';
import { applicableScore } from './applicable-score';
import { mirelsSize } from './mirels-size';
import { notApplicable } from './not-applicable';
import { scoreMissingInput } from './input-names';

const NAME = 'Mirels score';
const SOURCE = 'Mirels H. Clin Orthop Relat Res 1989;249:256-264';

/** Mirels interpretation band of a total (4-12). */
export function mirelsBand(total: number): ScoreBand {
  if (total >= MIRELS.fixationMin) return { id: 'fixation', label: `>= ${MIRELS.fixationMin}: prophylactic fixation recommended` };
  if (total === MIRELS.borderline) return { id: 'borderline', label: `${MIRELS.borderline}: clinical judgement (borderline)` };
  return { id: 'radiotherapy', label: `<= ${MIRELS.borderline - 1}: radiotherapy and observation` };
}

/** Mirels score of a long-bone lesion: site, nature, size and pain, or their range while inputs are missing. */
export function scoreMirels(lesion: Lesion): ScoreResult {
  const sites = possibleMirelsSites(lesion.boneId, lesion.regionId);
  if (sites.length === 0) {
    const bone = getBone(lesion.boneId)?.name ?? lesion.boneId;
    return notApplicable('mirels', NAME, SOURCE, `Mirels scores long bones of the limbs; ${bone} is not one`);
  }
  const size = mirelsSize(lesion);
  const components = [
    tableComponent('site', 'Site', MIRELS_POINTS.site, sites.length === 1 ? (sites[0] ?? null) : null, sites),
    tableComponent('nature', 'Lesion nature', MIRELS_POINTS.nature, lesion.nature),
    { ...tableComponent('size', 'Size', MIRELS_POINTS.size, size.band, size.possibleBands), value: size.value },
    tableComponent('pain', 'Pain', MIRELS_POINTS.pain, lesion.clinical.mirelsPain),
  ];
  const missingInputs: string[] = [];
  if (sites.length > 1) missingInputs.push(scoreMissingInput(lesion.regionId === null ? 'femurRegion' : 'femoralNeckSite'));
  if (lesion.nature === null) missingInputs.push(scoreMissingInput('lesionNature'));
  if (size.missing !== null) missingInputs.push(size.missing);
  if (lesion.clinical.mirelsPain === null) missingInputs.push(scoreMissingInput('mirelsPain'));

  const { total, lo, hi, shown, band, possibleBands, notes } = bandedTotal('Mirels', components, missingInputs, mirelsBand);
  const reasons: string[] = [];
  if (lo >= MIRELS.fixationMin) reasons.push(`Mirels ${shown} >= ${MIRELS.fixationMin}`);
  else if (total === MIRELS.borderline) reasons.push(`Mirels ${total} = ${MIRELS.borderline} (borderline)`);
  return applicableScore({
    score: 'mirels',
    name: NAME,
    source: SOURCE,
    components,
    missingInputs,
    band,
    possibleBands,
    flagged: lo >= MIRELS.fixationMin ? true : hi < MIRELS.fixationMin ? false : null,
    reasons,
    definition: size.definition,
    notes,
  });
}
