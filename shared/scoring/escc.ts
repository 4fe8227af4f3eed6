import type { Lesion } from '../lesion/lesion';
import type { EsccGrade } from '../lesion/categories';
import { getBone } from '../anatomy/catalogue';
import { isSpinalBone } from '../anatomy/spinal-levels';
import type { ScoreBand, ScoreResult } from './result';
import { ESCC_HIGH_GRADES } from './thresholds';
import { ESCC_DESCRIPTIONS } from './tables';
import { notApplicable } from './not-applicable';
import { scoreMissingInput } from './input-names';

const NAME = 'Epidural spinal cord compression (Bilsky ESCC grade)';
const SOURCE = 'Bilsky MH et al. J Neurosurg Spine 2010;13:324-328';

const LOW: ScoreBand = { id: 'low-grade', label: 'grades 0-1c: low grade' };
const HIGH: ScoreBand = { id: 'high-grade', label: 'grades 2-3: high grade (decompression considered before radiotherapy)' };

/** True for the high grades (2, 3). */
export function isHighGradeEscc(grade: EsccGrade): boolean {
  return ESCC_HIGH_GRADES.includes(grade);
}

/** ESCC grade of a spinal lesion; a categorical grade, so the total stays null and the grade is the component. */
export function scoreEscc(lesion: Lesion): ScoreResult {
  const bone = getBone(lesion.boneId);
  if (!bone || !isSpinalBone(bone.id)) {
    return notApplicable('escc', NAME, SOURCE, `ESCC grades spinal lesions; ${bone?.name ?? lesion.boneId} is not a vertebra or the sacrum`);
  }
  const grade = lesion.spine.esccGrade;
  const high = grade === null ? null : isHighGradeEscc(grade);
  const value = grade === null ? null : `${grade} (${ESCC_DESCRIPTIONS[grade]})`;
  return {
    score: 'escc',
    name: NAME,
    source: SOURCE,
    applicable: true,
    notApplicableReason: null,
    total: null,
    range: null,
    components: [{ id: 'grade', name: 'ESCC grade (axial T2, worst level)', value, points: null, missing: grade === null, possiblePoints: null, met: high }],
    missingInputs: grade === null ? [scoreMissingInput('esccGrade')] : [],
    band: high === null ? null : high ? HIGH : LOW,
    possibleBands: high === null ? [LOW, HIGH] : [high ? HIGH : LOW],
    flagged: high,
    reasons: high ? [`ESCC grade ${value} is high grade (2-3)`] : [],
    definition: null,
    notes: [],
  };
}
