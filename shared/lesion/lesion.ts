import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';
import { LateralitySchema } from '../anatomy/schema';
import { getBone, getRegion } from '../anatomy/catalogue';
import { MeasuredMmSchema, MeasuredPctSchema } from './measurement';
import { BoneAnalysisSummarySchema } from '../analysis/bone-analysis-summary';
import {
  EsccGradeSchema,
  LesionNatureSchema,
  LesionStatusSchema,
  MirelsPainSchema,
  PosterolateralInvolvementSchema,
  SinsPainSchema,
  SpinalAlignmentSchema,
  VertebralCollapseSchema,
} from './categories';

/**
 * Version of the lesion record form. Bump it with every change to the schema
 * below; exports and referrals carry it so a reader knows which form was filled.
 */
export const LESION_SCHEMA_VERSION = 4;

/**
 * Which measurement Mirels' size reads (the published tables differ, CLINICAL.md). The default is
 * lesion extent / bone diameter on the same image; the circumferential fraction of destroyed cortex
 * (the CT reading) is used only when the reader chooses it on the lesion, never as a silent stand-in
 * for a missing width or diameter. Version 2 of the lesion form added the choice.
 */
export const MirelsSizeDefinitionSchema = z.enum(['width-over-diameter', 'circumferential-fraction']);
export type MirelsSizeDefinition = z.infer<typeof MirelsSizeDefinitionSchema>;

/** Clinical inputs [clin] the referring team may fill in later; null = not known (never zero). */
export const ClinicalInputsSchema = z
  .object({
    mirelsPain: MirelsPainSchema.nullable(),
    sinsPain: SinsPainSchema.nullable(),
    newNeurologicalDeficit: z.boolean().nullable(),
    lesserTrochanterAvulsion: z.boolean().nullable(),
    persistentPainAfterRadiotherapy: z.boolean().nullable(),
  })
  .strict();
export type ClinicalInputs = z.infer<typeof ClinicalInputsSchema>;

/** Spine inputs for SINS and ESCC; null = not recorded. */
export const SpineInputsSchema = z
  .object({
    alignment: SpinalAlignmentSchema.nullable(),
    collapse: VertebralCollapseSchema.nullable(),
    /** Height loss of the body vs the mean of the adjacent levels; used when `collapse` is null. */
    collapsePct: MeasuredPctSchema.nullable(),
    posterolateralInvolvement: PosterolateralInvolvementSchema.nullable(),
    esccGrade: EsccGradeSchema.nullable(),
  })
  .strict();
export type SpineInputs = z.infer<typeof SpineInputsSchema>;

const IsoDateTimeSchema = z.iso.datetime({ offset: true });

const LesionObjectSchema = z
  .object({
    schemaVersion: z.literal(LESION_SCHEMA_VERSION),
    id: z.uuid(),
    /** Tracking Unique Identifier (112040, DCM): the stable lesion id across exports. */
    trackingUid: DicomUidSchema,
    studyInstanceUid: DicomUidSchema,
    seriesInstanceUid: DicomUidSchema,
    boneId: z.string(),
    regionId: z.string().nullable(),
    laterality: LateralitySchema.nullable(),
    nature: LesionNatureSchema.nullable(),
    largestDimensionMm: MeasuredMmSchema.nullable(),
    /** Lesion extent across the bone, on the image where boneDiameterMm is measured (Mirels size). */
    lesionWidthMm: MeasuredMmSchema.nullable(),
    boneDiameterMm: MeasuredMmSchema.nullable(),
    /** Stored as a finding for the referral; no score reads it. */
    corticalThicknessMm: MeasuredMmSchema.nullable(),
    /** The measurement Mirels' size reads on this lesion (the reader's explicit choice). */
    mirelsSizeDefinition: MirelsSizeDefinitionSchema,
    /** Destroyed arc / cortical circumference on the worst axial slice. */
    circumferentialInvolvementPct: MeasuredPctSchema.nullable(),
    /** Length of cortex destroyed along the bone's long axis. */
    axialInvolvementMm: MeasuredMmSchema.nullable(),
    corticalBreach: z.boolean().nullable(),
    pathologicalFracture: z.boolean().nullable(),
    softTissueExtension: z.boolean().nullable(),
    epiduralExtension: z.boolean().nullable(),
    clinical: ClinicalInputsSchema,
    spine: SpineInputsSchema,
    /**
     * Drawings that belong to the lesion without a measured value taken from them (an area for its
     * segmentation, an arrow for a key image). With the ones its measured values cite, these are the
     * lesion's drawings: the annotations' own lesion link is derived from this record.
     */
    attachedAnnotationIds: z.array(z.uuid()).max(1000),
    /**
     * The bone analysis the reader accepted for this lesion (CT; experimental rigidity with its
     * constants and the profile for the plot), or null. Lesion form 3 added it; older records read null.
     */
    boneAnalysis: BoneAnalysisSummarySchema.nullable(),
    note: z.string().max(20_000),
    status: LesionStatusSchema,
    reader: z.string().min(1),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .strict();

/** One bone lesion as a reader records it: the only input of every score. */
export const LesionSchema = LesionObjectSchema.superRefine((lesion, ctx) => {
  const bone = getBone(lesion.boneId);
  if (!bone) {
    ctx.addIssue({ code: 'custom', path: ['boneId'], message: `unknown bone id "${lesion.boneId}"` });
    return;
  }
  if (lesion.regionId !== null && !getRegion(bone.id, lesion.regionId)) {
    ctx.addIssue({ code: 'custom', path: ['regionId'], message: `"${lesion.regionId}" is not a region of ${bone.name}` });
  }
  // A paired bone is on one side; "midline" would hide a missing laterality.
  if (bone.paired && lesion.laterality === 'midline') {
    ctx.addIssue({ code: 'custom', path: ['laterality'], message: `${bone.name} is paired: left or right` });
  }
});
export type Lesion = z.infer<typeof LesionSchema>;

/**
 * Older forms read as the current one. Version 1 records (before the Mirels size definition was a
 * choice) read width / diameter, with the circumferential fraction as a silent stand-in: they take
 * the default definition, so a missing width or diameter now shows as the range it is; their attached
 * drawings were moved into the record by migration 008 (none where it found none). Version 2 records
 * (before the bone analysis) hold no accepted analysis: null. Version 3 records (before a length
 * named a radiograph's plane) read as they are: the core marks the plane of each length measured on
 * a drawing from the index whenever it reads or saves the record (withMeasuredPlanes). Nothing else
 * changed, so a record's scores are the same under every form.
 */
function upgradeLesionRecord(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version === 1) return { mirelsSizeDefinition: 'width-over-diameter', attachedAnnotationIds: [], boneAnalysis: null, ...value, schemaVersion: LESION_SCHEMA_VERSION };
  if (version === 2) return { boneAnalysis: null, ...value, schemaVersion: LESION_SCHEMA_VERSION };
  if (version === 3) return { ...value, schemaVersion: LESION_SCHEMA_VERSION };
  return value;
}

/** A lesion record of any released form version (stored rows, files given to the CLI), read as the current one. */
export const StoredLesionSchema = z.preprocess(upgradeLesionRecord, LesionSchema);

/** What a lesion records about the bone and the patient, every input unknown (null, never zero): a new record's start. */
export function unknownFindings(): Pick<
  Lesion,
  | 'nature' | 'largestDimensionMm' | 'lesionWidthMm' | 'boneDiameterMm' | 'corticalThicknessMm' | 'mirelsSizeDefinition' | 'circumferentialInvolvementPct'
  | 'axialInvolvementMm' | 'corticalBreach' | 'pathologicalFracture' | 'softTissueExtension' | 'epiduralExtension' | 'clinical' | 'spine' | 'attachedAnnotationIds' | 'boneAnalysis' | 'note'
> {
  return {
    nature: null,
    largestDimensionMm: null,
    lesionWidthMm: null,
    boneDiameterMm: null,
    corticalThicknessMm: null,
    mirelsSizeDefinition: 'width-over-diameter',
    circumferentialInvolvementPct: null,
    axialInvolvementMm: null,
    corticalBreach: null,
    pathologicalFracture: null,
    softTissueExtension: null,
    epiduralExtension: null,
    clinical: { mirelsPain: null, sinsPain: null, newNeurologicalDeficit: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: null },
    spine: { alignment: null, collapse: null, collapsePct: null, posterolateralInvolvement: null, esccGrade: null },
    attachedAnnotationIds: [],
    boneAnalysis: null,
    note: '',
  };
}
