import { z } from 'zod';
import { MAX_STATED_MAGNIFICATION } from '@shared/dicom/measurement-spacing';
import { FINDING_FIELDS, MEASUREMENT_FIELDS } from '../lesion-facts';

/**
 * Version of the lesion table. Bump it with every change to a column's name, order, type or
 * meaning: researchers' scripts read columns by these names. The CSV carries it in its first
 * column and in the sidecar lesions.schema.json; the JSON export carries it as `schemaVersion`.
 * Version 2 added the computed provenance columns of each measurement and the ctra_ columns.
 * Version 3 added each measurement's _plane column (a radiograph's detector-plane length).
 * Version 4: a CSV text cell that would start a spreadsheet formula (=, +, -, @) starts with an apostrophe.
 * Version 5 added each measurement's _max_magnification column: a detector length's range is 1.0 to
 * 1.3 only when its radiograph's header states no larger factor.
 */
export const LESION_TABLE_SCHEMA_VERSION = 5;

/** The table's name, written beside the version so that a file names what it holds. */
export const LESION_TABLE_NAME = 'bonemet.lesions';

/** How a column is typed: what a CSV cell holds when it is not empty (empty = null). */
export const ColumnTypeSchema = z.enum(['string', 'number', 'integer', 'boolean', 'list', 'datetime']);
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

interface ColumnMeta {
  description: string;
  columnType: ColumnType;
}

const text = (description: string) => z.string().meta({ description, columnType: 'string' } satisfies ColumnMeta);
const maybeText = (description: string) => z.string().nullable().meta({ description, columnType: 'string' } satisfies ColumnMeta);
const num = (description: string) => z.number().finite().nullable().meta({ description, columnType: 'number' } satisfies ColumnMeta);
const int = (description: string) => z.number().int().meta({ description, columnType: 'integer' } satisfies ColumnMeta);
const flag = (description: string) => z.boolean().nullable().meta({ description, columnType: 'boolean' } satisfies ColumnMeta);
const list = (description: string) => z.array(z.string()).meta({ description, columnType: 'list' } satisfies ColumnMeta);
const when = (description: string) => z.iso.datetime({ offset: true }).meta({ description, columnType: 'datetime' } satisfies ColumnMeta);

type Schemas = Record<string, z.ZodType>;
type Num = ReturnType<typeof num>;
type MaybeText = ReturnType<typeof maybeText>;
type Flag = ReturnType<typeof flag>;
type List = ReturnType<typeof list>;

type MeasurementColumn = (typeof MEASUREMENT_FIELDS)[number]['column'];
type ProvenanceText = `${MeasurementColumn}_source` | `${MeasurementColumn}_annotation_id` | `${MeasurementColumn}_plane` | `${MeasurementColumn}_algorithm_name` | `${MeasurementColumn}_algorithm_version`;
type MeasurementSchemas = { [K in MeasurementColumn | `${MeasurementColumn}_max_magnification`]: Num } & { [K in ProvenanceText]: MaybeText } & {
  [K in `${MeasurementColumn}_sections`]: List;
};

function measurementColumns(): MeasurementSchemas {
  const out: Schemas = {};
  for (const m of MEASUREMENT_FIELDS) {
    out[m.column] = num(`${m.label} (${m.unit}); empty when not recorded`);
    out[`${m.column}_source`] = maybeText(`Where ${m.column} came from: "annotation" (measured on the image), "typed", or "computed" (by the bone analysis, accepted by the reader)`);
    out[`${m.column}_annotation_id`] = maybeText(`Id of the annotation ${m.column} was measured on, when its source is "annotation"`);
    out[`${m.column}_plane`] = maybeText(
      m.unit === 'mm'
        ? `Where the length ${m.column} lies: "patient" (CT, MR, typed), "calibrated" or "magnification-corrected" (a radiograph corrected to the patient), "detector" (a radiograph not corrected: the patient's size is ${m.column} divided by 1.0 to ${m.column}_max_magnification), "none" (measured in pixels); empty when not recorded`
        : `Always empty: ${m.column} is a percentage, the same in every plane`,
    );
    out[`${m.column}_max_magnification`] = num(
      m.unit === 'mm'
        ? `When ${m.column}_plane is "detector": the largest radiographic magnification the length may carry, 1.3 unless its radiograph's header states a larger factor (never applied as exact); ${MAX_STATED_MAGNIFICATION} when the header's factor is not credible (magnification not known); empty in any other plane`
        : `Always empty: ${m.column} is a percentage, the same in every plane`,
    );
    out[`${m.column}_algorithm_name`] = maybeText(`Name of the analysis method that computed ${m.column}, when its source is "computed" (DICOM Algorithm Name)`);
    out[`${m.column}_algorithm_version`] = maybeText(`Version of that method (DICOM Algorithm Version), when its source is "computed"`);
    out[`${m.column}_sections`] = list(`The analysis section(s) ${m.column} was computed on (the first and last for an axial extent), as "section N at z = Z mm, P mm along the bone axis"; empty unless computed`);
  }
  return out as MeasurementSchemas;
}

type CtraSchemas = { ctra_applicable: Flag; ctra_flagged: Flag } & { [K in 'ctra_lowest_ea_ratio' | 'ctra_lowest_ei_min_ratio' | 'ctra_lowest_gj_ratio' | 'ctra_at_z_mm']: Num } & {
  [K in 'ctra_governing' | 'ctra_reference' | 'ctra_algorithm_name' | 'ctra_algorithm_version' | 'ctra_constants']: MaybeText;
} & { ctra_reasons: List; ctra_notes: List };

/** The experimental rigidity verdict (CTRA) of an accepted bone analysis. */
function ctraColumns(): CtraSchemas {
  return {
    ctra_applicable: flag('Whether a bone analysis was accepted on this lesion (CTRA, experimental)'),
    ctra_flagged: flag('CTRA (experimental): lowest rigidity ratio at or below the flag ratio (a reduction of 35% or more); empty without an analysis or a reference. Never raises the urgency'),
    ctra_lowest_ea_ratio: num('Lowest axial rigidity (EA) ratio, lesion side over reference at the same level'),
    ctra_lowest_ei_min_ratio: num('Lowest minimum bending rigidity (EI-min) ratio'),
    ctra_lowest_gj_ratio: num('Lowest torsional rigidity (GJ) ratio'),
    ctra_at_z_mm: num('Patient z (mm) of the section where the governing (lowest) ratio lies'),
    ctra_governing: maybeText('Which ratio is lowest: ea, eiMin or gj'),
    ctra_reference: maybeText('What the ratios compare with: contralateral, own-sections or none'),
    ctra_algorithm_name: maybeText('Name of the analysis method'),
    ctra_algorithm_version: maybeText('Version of the analysis method'),
    ctra_constants: maybeText('Every constant the rigidity depends on (calibration, density and modulus laws, Poisson ratio, flag ratio)'),
    ctra_reasons: list('Why CTRA is flagged, with the ratio, section and method'),
    ctra_notes: list('What CTRA is (experimental, not read by the urgency), the ratios, the reference and the criterion'),
  };
}

function findingColumns(): { [K in (typeof FINDING_FIELDS)[number]['column']]: Flag } {
  return Object.fromEntries(FINDING_FIELDS.map((f) => [f.column, flag(`${f.label}: true, false, or empty when not recorded`)])) as never;
}

/** The scores, with the column prefix each one's columns share. */
export const SCORE_PREFIXES = { mirels: 'mirels', harrington: 'harrington', vanDerLinden: 'van_der_linden', sins: 'sins', escc: 'escc' } as const;

type Prefix = (typeof SCORE_PREFIXES)[keyof typeof SCORE_PREFIXES];
type ScoreSchemas = { [K in `${Prefix}_applicable` | `${Prefix}_flagged`]: Flag } & {
  [K in `${Prefix}_not_applicable_reason` | `${Prefix}_band` | `${Prefix}_definition`]: MaybeText;
} & { [K in `${Prefix}_total` | `${Prefix}_range_min` | `${Prefix}_range_max`]: Num } & {
  [K in `${Prefix}_possible_bands` | `${Prefix}_components` | `${Prefix}_missing_inputs`]: List;
};

function scoreColumns(): ScoreSchemas {
  const out: Schemas = {};
  for (const prefix of Object.values(SCORE_PREFIXES)) {
    out[`${prefix}_applicable`] = flag(`Whether ${prefix} applies to this lesion's bone`);
    out[`${prefix}_not_applicable_reason`] = maybeText(`Why ${prefix} does not apply; empty when it does`);
    out[`${prefix}_total`] = num(`${prefix} total when every input is known; empty while inputs are missing (ESCC: always empty, see components)`);
    out[`${prefix}_range_min`] = num(`Lowest ${prefix} total still possible while inputs are missing; empty when the total is known`);
    out[`${prefix}_range_max`] = num(`Highest ${prefix} total still possible while inputs are missing; empty when the total is known`);
    out[`${prefix}_band`] = maybeText(`${prefix} interpretation band of the total (or of a range lying in one band)`);
    out[`${prefix}_possible_bands`] = list(`Every ${prefix} band the total can still fall in`);
    out[`${prefix}_flagged`] = flag(`Whether ${prefix} reaches its action threshold; empty while missing inputs decide it`);
    out[`${prefix}_components`] = list(`Each ${prefix} component as "name: value = points" (criteria: "name: value, met")`);
    out[`${prefix}_missing_inputs`] = list(`Inputs ${prefix} still needs`);
    out[`${prefix}_definition`] = maybeText(`Definition ${prefix} used where sources differ (Mirels size), else empty`);
  }
  return out as ScoreSchemas;
}

/**
 * One row per lesion. Every column is described here and nowhere else: the sidecar
 * lesions.schema.json is generated from these descriptions.
 */
export const LesionTableRowSchema = z
  .object({
    table_schema_version: int(`Version of this column layout (${LESION_TABLE_NAME})`),
    lesion_id: text('Lesion id (UUID); the app opens it at #/lesion/<id>'),
    tracking_uid: text('Tracking Unique Identifier (DICOM 112040): the lesion id in DICOM SR exports'),
    lesion_schema_version: int('Version of the lesion record form that was filled'),
    patient_id: text('Patient ID (DICOM 0010,0020): this table identifies the patient'),
    study_instance_uid: text('Study Instance UID'),
    series_instance_uid: text('Series Instance UID the lesion was marked on'),
    accession_number: text('Accession number of the study; empty when the study has none'),
    study_date: maybeText('Study date, YYYY-MM-DD'),
    bone_id: text('Bone id in the app anatomy catalogue'),
    bone_name: text('Bone name'),
    region_id: maybeText('Region id (long-bone region); empty when not recorded or not applicable'),
    region_name: maybeText('Region name'),
    site_snomed_code: maybeText('SNOMED CT code of the region when coded, else of the bone'),
    laterality: maybeText('left, right or midline; empty when not recorded'),
    nature: maybeText('lytic, blastic or mixed; empty when not recorded'),
    ...measurementColumns(),
    ...findingColumns(),
    mirels_pain: maybeText('Mirels pain [clin]: mild, moderate, functional; empty when not recorded'),
    sins_pain: maybeText('SINS pain [clin]: mechanical, occasional, pain-free; empty when not recorded'),
    new_neurological_deficit: flag('New neurological deficit [clin]'),
    lesser_trochanter_avulsion: flag('Avulsion of the lesser trochanter [read]'),
    persistent_pain_after_radiotherapy: flag('Persistent or functional pain after radiotherapy [clin]'),
    spinal_alignment: maybeText('SINS alignment: subluxation-translation, de-novo-deformity, normal'),
    vertebral_collapse: maybeText('SINS collapse category: over-50, under-50, none-over-50-involved, none-of-these'),
    posterolateral_involvement: maybeText('SINS posterolateral involvement: bilateral, unilateral, none'),
    escc_grade: maybeText('Bilsky ESCC grade: 0, 1a, 1b, 1c, 2, 3'),
    ...scoreColumns(),
    ...ctraColumns(),
    urgency_level: text('Referral urgency the recorded inputs establish: routine, surgical-opinion, urgent, emergency'),
    urgency_worst_case: text('Urgency if every missing input took its worst value'),
    urgency_reasons: list('Why urgency_level, most urgent first (e.g. "Mirels 10 >= 9")'),
    urgency_worst_case_reasons: list('What could raise the urgency to urgency_worst_case'),
    urgency_missing_inputs: list('Inputs that decide between urgency_level and urgency_worst_case'),
    urgency_rule_set: text('Name and version of the referral rule set'),
    note: text('Free-text note of the reader (may hold line breaks)'),
    reader: text('Initials of the reader who recorded the lesion'),
    status: text('draft or final'),
    created_at: when('When the lesion was first saved (ISO 8601 with offset)'),
    updated_at: when('When the lesion was last saved (ISO 8601 with offset)'),
  })
  .strict();
export type LesionTableRow = z.infer<typeof LesionTableRowSchema>;

/** One documented column: name, CSV type and meaning, in column order. */
export const LesionTableColumnSchema = z.object({ name: z.string(), type: ColumnTypeSchema, nullable: z.boolean(), description: z.string() });
export type LesionTableColumn = z.infer<typeof LesionTableColumnSchema>;

/** The columns, in order, derived from the row schema so that documentation and data cannot drift. */
export const LESION_TABLE_COLUMNS: readonly LesionTableColumn[] = Object.entries(LesionTableRowSchema.shape).map(([name, schema]) => {
  const meta = (schema as z.ZodType).meta() as unknown as ColumnMeta;
  return { name, type: meta.columnType, nullable: (schema as z.ZodType).safeParse(null).success, description: meta.description };
});
