import { getBone, getRegion } from '@shared/anatomy/catalogue';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import type { ScoreResult } from '@shared/scoring/result';
import type { StudySummary } from '@shared/dicom/study';
import { constantsText, type CtraResult } from '@shared/scoring/ctra';
import { detectorMagnification } from '@shared/dicom/measurement-spacing';
import { FINDING_FIELDS, MEASUREMENT_FIELDS, componentText, measuredPlane, measurementOf, sectionText, siteCode } from '../lesion-facts';
import { LESION_TABLE_SCHEMA_VERSION, LesionTableRowSchema, SCORE_PREFIXES, type LesionTableRow } from './lesion-table-schema';

type Cells = Record<string, string | number | boolean | string[] | null>;

function measurementCells(lesion: ScoredLesion['lesion']): Cells {
  const out: Cells = {};
  for (const m of MEASUREMENT_FIELDS) {
    const value = measurementOf(lesion, m.key);
    out[m.column] = value?.value ?? null;
    out[`${m.column}_source`] = value?.provenance.source ?? null;
    out[`${m.column}_annotation_id`] = value?.provenance.source === 'annotation' ? value.provenance.annotationId : null;
    const plane = value && m.unit === 'mm' ? measuredPlane(value) : null;
    out[`${m.column}_plane`] = plane;
    out[`${m.column}_max_magnification`] = plane === 'detector' ? detectorMagnification(value!) : null;
    const computed = value?.provenance.source === 'computed' ? value.provenance : null;
    out[`${m.column}_algorithm_name`] = computed?.method.algorithmName ?? null;
    out[`${m.column}_algorithm_version`] = computed?.method.algorithmVersion ?? null;
    out[`${m.column}_sections`] = computed ? computed.sections.map(sectionText) : [];
  }
  return out;
}

function ctraCells(ctra: CtraResult): Cells {
  return {
    ctra_applicable: ctra.applicable,
    ctra_flagged: ctra.flagged,
    ctra_lowest_ea_ratio: ctra.lowestRatios.ea,
    ctra_lowest_ei_min_ratio: ctra.lowestRatios.eiMin,
    ctra_lowest_gj_ratio: ctra.lowestRatios.gj,
    ctra_at_z_mm: ctra.atZMm,
    ctra_governing: ctra.governing,
    ctra_reference: ctra.reference,
    ctra_algorithm_name: ctra.method?.algorithmName ?? null,
    ctra_algorithm_version: ctra.method?.algorithmVersion ?? null,
    ctra_constants: ctra.constants ? constantsText(ctra.constants) : null,
    ctra_reasons: ctra.reasons,
    ctra_notes: ctra.notes,
  };
}

function scoreCells(prefix: string, result: ScoreResult): Cells {
  return {
    [`${prefix}_applicable`]: result.applicable,
    [`${prefix}_not_applicable_reason`]: result.notApplicableReason,
    [`${prefix}_total`]: result.total,
    [`${prefix}_range_min`]: result.range?.[0] ?? null,
    [`${prefix}_range_max`]: result.range?.[1] ?? null,
    [`${prefix}_band`]: result.band?.label ?? null,
    [`${prefix}_possible_bands`]: result.possibleBands.map((b) => b.label),
    [`${prefix}_flagged`]: result.applicable ? result.flagged : null,
    [`${prefix}_components`]: result.components.map(componentText),
    [`${prefix}_missing_inputs`]: result.missingInputs,
    [`${prefix}_definition`]: result.definition,
  };
}

/**
 * The table row of one scored lesion, validated against the documented schema, so that a
 * change in the lesion record that the table does not describe fails here, not in a reader's script.
 * @param study - the lesion's study (patient ID, accession number, date)
 */
export function lesionTableRow(study: StudySummary, { lesion, scores }: ScoredLesion): LesionTableRow {
  const bone = getBone(lesion.boneId);
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId) : undefined;
  const code = siteCode(lesion);
  const row: Cells = {
    table_schema_version: LESION_TABLE_SCHEMA_VERSION,
    lesion_id: lesion.id,
    tracking_uid: lesion.trackingUid,
    lesion_schema_version: lesion.schemaVersion,
    patient_id: study.patientId,
    study_instance_uid: lesion.studyInstanceUid,
    series_instance_uid: lesion.seriesInstanceUid,
    accession_number: study.accessionNumber,
    study_date: study.studyDate,
    bone_id: lesion.boneId,
    bone_name: bone?.name ?? lesion.boneId,
    region_id: lesion.regionId,
    region_name: region?.name ?? null,
    site_snomed_code: code?.value ?? null,
    laterality: lesion.laterality,
    nature: lesion.nature,
    ...measurementCells(lesion),
    ...Object.fromEntries(FINDING_FIELDS.map((f) => [f.column, lesion[f.key]])),
    mirels_pain: lesion.clinical.mirelsPain,
    sins_pain: lesion.clinical.sinsPain,
    new_neurological_deficit: lesion.clinical.newNeurologicalDeficit,
    lesser_trochanter_avulsion: lesion.clinical.lesserTrochanterAvulsion,
    persistent_pain_after_radiotherapy: lesion.clinical.persistentPainAfterRadiotherapy,
    spinal_alignment: lesion.spine.alignment,
    vertebral_collapse: lesion.spine.collapse,
    posterolateral_involvement: lesion.spine.posterolateralInvolvement,
    escc_grade: lesion.spine.esccGrade,
    ...Object.fromEntries(
      (Object.keys(SCORE_PREFIXES) as (keyof typeof SCORE_PREFIXES)[]).flatMap((id) => Object.entries(scoreCells(SCORE_PREFIXES[id], scores[id]))),
    ),
    ...ctraCells(scores.ctra),
    urgency_level: scores.urgency.level,
    urgency_worst_case: scores.urgency.worstCase,
    urgency_reasons: scores.urgency.reasons,
    urgency_worst_case_reasons: scores.urgency.worstCaseReasons,
    urgency_missing_inputs: scores.urgency.missingInputs,
    urgency_rule_set: scores.urgency.ruleSet,
    note: lesion.note,
    reader: lesion.reader,
    status: lesion.status,
    created_at: lesion.createdAt,
    updated_at: lesion.updatedAt,
  };
  return LesionTableRowSchema.parse(row);
}
