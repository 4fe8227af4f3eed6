import { getBone, getRegion } from '@shared/anatomy/catalogue';
import type { Lesion } from '@shared/lesion/lesion';
import type { LesionScores } from '@shared/scoring/score-lesion';
import { MEASUREMENT_FIELDS } from '../sr/lesion-fields';
import { toCsv, type CsvValue } from '../tables/csv';

/**
 * Version of the manifest's columns. Bump it with any change to a column's name, order or meaning:
 * researchers' scripts read columns by name. Written in every row (first column) and in the README.
 * Version 2: written by the tables' CSV writer (CRLF records, edge spaces quoted, no NaN or Infinity).
 * Version 3: urgency_worst_case_reasons and urgency_missing_inputs after urgency_reasons: a lesion routine
 * as recorded but urgent at worst had an empty reasons cell and nothing saying what its range waits on.
 */
export const MANIFEST_VERSION = 3;

const SCORES = ['mirels', 'harrington', 'vanDerLinden', 'sins'] as const;
const SCORE_NAMES: Readonly<Record<(typeof SCORES)[number], string>> = { mirels: 'Mirels', harrington: 'Harrington', vanDerLinden: 'Van der Linden', sins: 'SINS' };
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every column of manifest.csv with its meaning, in order. */
export const MANIFEST_COLUMNS: readonly (readonly [string, string])[] = [
  ['manifest_version', `Version of this column schema (${MANIFEST_VERSION})`],
  ['patient_pseudonym', 'The patient\'s pseudonym (replaces name and ID in every file)'],
  ['study_uid', 'Study Instance UID in this export (replaced)'],
  ['series_uid', 'Series Instance UID of the images the lesion was marked on (replaced)'],
  ['lesion_tracking_uid', 'Tracking Unique Identifier of the lesion in SR and SEG (replaced)'],
  ['lesion_number', 'Number of the lesion within its study: "Lesion N" in SR and SEG labels'],
  ['bone_id', 'Bone id of the anatomy catalogue'],
  ['bone', 'Bone name'],
  ['region_id', 'Region id (empty when not recorded)'],
  ['region', 'Region name'],
  ['laterality', 'left, right, midline, or empty'],
  ['nature', 'lytic, blastic, mixed, or empty'],
  ['status', 'draft or final'],
  ...MEASUREMENT_FIELDS.map((f) => [snake(f.key), `${f.concept.meaning} (${f.unit.value}); empty when not recorded`] as const),
  ['cortical_breach', 'true / false / empty'],
  ['pathological_fracture', 'true / false / empty'],
  ['soft_tissue_extension', 'true / false / empty'],
  ['epidural_extension', 'true / false / empty'],
  ...SCORES.flatMap((s) => [
    [`${snake(s)}_total`, `${SCORE_NAMES[s]} total; empty while inputs are missing or when not applicable`] as const,
    [`${snake(s)}_min`, `Lowest possible ${SCORE_NAMES[s]} total while inputs are missing (the total when none is)`] as const,
    [`${snake(s)}_max`, `Highest possible ${SCORE_NAMES[s]} total while inputs are missing (the total when none is)`] as const,
    [`${snake(s)}_flagged`, `Whether ${SCORE_NAMES[s]} reaches its action threshold (empty: undecided or not applicable)`] as const,
  ]),
  ['escc_grade', 'Bilsky ESCC grade (spine), empty when not recorded'],
  ['mirels_size_definition', 'The Mirels size definition used'],
  ['urgency', 'Referral urgency: routine, surgical-opinion, urgent, emergency'],
  ['urgency_worst_case', 'Urgency if every missing input took its worst value'],
  ['urgency_reasons', 'Rules met, separated by " | "'],
  ['urgency_worst_case_reasons', 'Rules that missing inputs could meet (what urgency_worst_case rests on), separated by " | "'],
  ['urgency_missing_inputs', 'Inputs whose absence widens the urgency from urgency to urgency_worst_case, separated by " | "'],
  ['sr_file', 'The Measurement Report holding the lesion (path in this folder)'],
  ['seg_file', 'The Segmentation holding the lesion, empty when nothing was drawn'],
  ['seg_segment_number', 'Segment Number of the lesion in seg_file'],
  ['nifti_image', 'NIfTI image of the series the lesion is segmented on, else marked on (when requested and possible)'],
  ['nifti_mask', 'NIfTI label map of that series; empty when the lesion has no drawn area'],
  ['nifti_label', 'Voxel value of this lesion in nifti_mask'],
];

/** The export's facts about one lesion beside its record and scores. */
export interface ManifestEntry {
  pseudonym: string;
  /** The lesion with replaced UIDs. */
  lesion: Lesion;
  scores: LesionScores;
  lesionNumber: number;
  srFile: string;
  seg: { file: string; segmentNumber: number } | null;
  /** The NIfTI image of the lesion's series, and the label map and label when the lesion has a mask. */
  nifti: { image: string; mask: string | null; label: number | null } | null;
}

function row(e: ManifestEntry): (CsvValue | undefined)[] {
  const l = e.lesion;
  const measurement = (key: string) => MEASUREMENT_FIELDS.find((f) => f.key === key)!.get(l)?.value ?? null;
  return [
    MANIFEST_VERSION, e.pseudonym, l.studyInstanceUid, l.seriesInstanceUid, l.trackingUid, e.lesionNumber,
    l.boneId, getBone(l.boneId)?.name, l.regionId, l.regionId ? getRegion(l.boneId, l.regionId)?.name : null, l.laterality, l.nature, l.status,
    ...MEASUREMENT_FIELDS.map((f) => measurement(f.key)),
    l.corticalBreach, l.pathologicalFracture, l.softTissueExtension, l.epiduralExtension,
    ...SCORES.flatMap((s) => {
      const r = e.scores[s];
      return [r.total, r.range?.[0] ?? (r.total ?? null), r.range?.[1] ?? (r.total ?? null), r.flagged];
    }),
    l.spine.esccGrade, e.scores.mirels.definition,
    e.scores.urgency.level, e.scores.urgency.worstCase, e.scores.urgency.reasons.join(' | '),
    e.scores.urgency.worstCaseReasons.join(' | '), e.scores.urgency.missingInputs.join(' | '),
    e.srFile, e.seg?.file, e.seg?.segmentNumber, e.nifti?.image, e.nifti?.mask, e.nifti?.label,
  ];
}

const COLUMN_NAMES = MANIFEST_COLUMNS.map(([name]) => name);

/** manifest.csv: a header record, then one record per lesion, as the lesion tables are written (RFC 4180, CRLF). */
export function manifestCsv(entries: readonly ManifestEntry[]): string {
  // What a lesion does not record (undefined) is an empty cell, as null is.
  const records = entries.map((e) => {
    const values = row(e);
    if (values.length !== COLUMN_NAMES.length) throw new RangeError(`a manifest row has ${values.length} cells for ${COLUMN_NAMES.length} columns`);
    return Object.fromEntries(values.map((value, i) => [COLUMN_NAMES[i]!, value ?? null]));
  });
  return toCsv(COLUMN_NAMES, records);
}
