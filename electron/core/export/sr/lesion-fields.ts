import { MirelsSizeDefinitionSchema, type Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import {
  EsccGradeSchema,
  LesionStatusSchema,
  MirelsPainSchema,
  PosterolateralInvolvementSchema,
  SinsPainSchema,
  SpinalAlignmentSchema,
  VertebralCollapseSchema,
} from '@shared/lesion/categories';
import { SR, UNITS, type Code } from '../dicom/codes';
import { BM, bm } from './private-codes';

// The lesion record's fields as SR content: one table read by the writer and by the reader, so that
// every value written has a way back. Nested fields are reached through get/set on a draft record.

type Draft = Record<string, unknown> & { clinical: Record<string, unknown>; spine: Record<string, unknown> };

/** A measured value (mm or %) of the record, written as a NUM. */
export interface MeasurementField {
  key: string;
  concept: Code;
  unit: Code;
  get(lesion: Lesion): MeasuredMm | null;
  set(draft: Draft, value: MeasuredMm): void;
}

/** A yes/no (or unknown) field of the record, written as a CODE valued Yes or No. */
export interface BooleanField {
  key: string;
  concept: Code;
  get(lesion: Lesion): boolean | null;
  set(draft: Draft, value: boolean): void;
}

/** A categorical field, written as a CODE valued with a private code per category. */
export interface EnumField {
  key: string;
  concept: Code;
  options: readonly string[];
  /** The value of a field every record has, for a report written before the field existed. */
  whenAbsent?: string;
  get(lesion: Lesion): string | null;
  set(draft: Draft, value: string): void;
}

const top = <K extends keyof Lesion>(key: K) => ({
  get: (l: Lesion) => l[key] as never,
  set: (d: Draft, v: unknown) => void ((d as Record<string, unknown>)[key] = v),
});
const clinical = <K extends keyof Lesion['clinical']>(key: K) => ({
  get: (l: Lesion) => l.clinical[key] as never,
  set: (d: Draft, v: unknown) => void (d.clinical[key] = v),
});
const spine = <K extends keyof Lesion['spine']>(key: K) => ({
  get: (l: Lesion) => l.spine[key] as never,
  set: (d: Draft, v: unknown) => void (d.spine[key] = v),
});

/** Measured values, in the order CLINICAL.md lists what a surgeon needs. */
export const MEASUREMENT_FIELDS: readonly MeasurementField[] = [
  { key: 'largestDimensionMm', concept: SR.longAxis, unit: UNITS.mm, ...top('largestDimensionMm') },
  { key: 'axialInvolvementMm', concept: bm('BM-AXIAL-INV', 'Axial cortical involvement'), unit: UNITS.mm, ...top('axialInvolvementMm') },
  { key: 'circumferentialInvolvementPct', concept: bm('BM-CIRC-INV', 'Circumferential cortical involvement'), unit: UNITS.percent, ...top('circumferentialInvolvementPct') },
  { key: 'lesionWidthMm', concept: bm('BM-LES-WIDTH', 'Lesion width across the bone'), unit: UNITS.mm, ...top('lesionWidthMm') },
  { key: 'boneDiameterMm', concept: bm('BM-BONE-DIAM', 'Bone diameter at the lesion'), unit: UNITS.mm, ...top('boneDiameterMm') },
  { key: 'corticalThicknessMm', concept: bm('BM-CORT-THICK', 'Cortical thickness at the lesion'), unit: UNITS.mm, ...top('corticalThicknessMm') },
  { key: 'collapsePct', concept: bm('BM-COLLAPSE-PCT', 'Vertebral body height loss'), unit: UNITS.percent, ...spine('collapsePct') },
];

/** Yes/no findings and clinical inputs. */
export const BOOLEAN_FIELDS: readonly BooleanField[] = [
  { key: 'corticalBreach', concept: bm('BM-CORT-BREACH', 'Cortical breach'), ...top('corticalBreach') },
  { key: 'pathologicalFracture', concept: bm('BM-PATH-FX', 'Pathological fracture'), ...top('pathologicalFracture') },
  { key: 'softTissueExtension', concept: bm('BM-SOFT-TISSUE', 'Soft-tissue extension'), ...top('softTissueExtension') },
  { key: 'epiduralExtension', concept: bm('BM-EPIDURAL', 'Epidural extension'), ...top('epiduralExtension') },
  { key: 'newNeurologicalDeficit', concept: bm('BM-NEURO-DEF', 'New neurological deficit'), ...clinical('newNeurologicalDeficit') },
  { key: 'lesserTrochanterAvulsion', concept: bm('BM-LT-AVULSION', 'Avulsion of the lesser trochanter'), ...clinical('lesserTrochanterAvulsion') },
  { key: 'persistentPainAfterRadiotherapy', concept: bm('BM-PAIN-POST-RT', 'Persistent pain after radiotherapy'), ...clinical('persistentPainAfterRadiotherapy') },
];

/** Categorical inputs of the scores, and the record's status. */
export const ENUM_FIELDS: readonly EnumField[] = [
  { key: 'mirelsPain', concept: bm('BM-MIRELS-PAIN', 'Mirels pain'), options: MirelsPainSchema.options, ...clinical('mirelsPain') },
  { key: 'sinsPain', concept: bm('BM-SINS-PAIN', 'SINS pain'), options: SinsPainSchema.options, ...clinical('sinsPain') },
  { key: 'alignment', concept: bm('BM-ALIGNMENT', 'Spinal alignment'), options: SpinalAlignmentSchema.options, ...spine('alignment') },
  { key: 'collapse', concept: bm('BM-COLLAPSE', 'Vertebral body collapse'), options: VertebralCollapseSchema.options, ...spine('collapse') },
  { key: 'posterolateral', concept: bm('BM-POSTEROLAT', 'Posterolateral involvement'), options: PosterolateralInvolvementSchema.options, ...spine('posterolateralInvolvement') },
  { key: 'esccGrade', concept: bm('BM-ESCC-GRADE', 'Bilsky ESCC grade'), options: EsccGradeSchema.options, ...spine('esccGrade') },
  { key: 'status', concept: BM.status, options: LesionStatusSchema.options, ...top('status') },
  // Reports before lesion form 2 read Mirels size as width / diameter (now the default definition).
  { key: 'mirelsSizeDefinition', concept: bm('BM-MIRELS-SIZE-DEF', 'Mirels size definition'), options: MirelsSizeDefinitionSchema.options, whenAbsent: 'width-over-diameter', ...top('mirelsSizeDefinition') },
];

/** The private value code of one category of an enum field ("BM-MIRELS-PAIN:functional"). */
export function enumValueCode(field: EnumField, option: string): Code {
  return bm(`${field.concept.value}:${option}`, option.replaceAll('-', ' '));
}
