import { z } from 'zod';
import {
  CodingSchema,
  FhirDateSchema,
  FhirDateTimeSchema,
  FhirIdSchema,
  FhirStringSchema,
  FhirUnsignedIntSchema,
  HumanNameSchema,
  IdentifierSchema,
  ReferenceSchema,
  NarrativeSchema,
} from './fhir-datatypes';

// Patient, Practitioner and ImagingStudy as FHIR R4 (4.0.1) defines them, restricted to the
// elements we emit; cardinalities and required value sets follow the R4 resource pages.

/** R4 Patient (no element is required; gender binds to administrative-gender, required). */
export const PatientSchema = z
  .object({
    resourceType: z.literal('Patient'),
    text: NarrativeSchema.optional(),
    identifier: z.array(IdentifierSchema).optional(),
    name: z.array(HumanNameSchema).optional(),
    gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
    birthDate: FhirDateSchema.optional(),
  })
  .strict();
export type Patient = z.infer<typeof PatientSchema>;

/** R4 Practitioner: the reader. */
export const PractitionerSchema = z
  .object({
    resourceType: z.literal('Practitioner'),
    text: NarrativeSchema.optional(),
    identifier: z.array(IdentifierSchema).optional(),
    name: z.array(HumanNameSchema).optional(),
  })
  .strict();
export type Practitioner = z.infer<typeof PractitionerSchema>;

/** R4 ImagingStudy.series.instance: uid (id) and sopClass (Coding) are required. */
const ImagingInstanceSchema = z
  .object({ uid: FhirIdSchema, sopClass: CodingSchema, number: FhirUnsignedIntSchema.optional(), title: FhirStringSchema.optional() })
  .strict();

/** R4 ImagingStudy.series: uid (id) and modality (Coding) are required. */
const ImagingSeriesSchema = z
  .object({
    uid: FhirIdSchema,
    number: FhirUnsignedIntSchema.optional(),
    modality: CodingSchema,
    description: FhirStringSchema.optional(),
    numberOfInstances: FhirUnsignedIntSchema.optional(),
    instance: z.array(ImagingInstanceSchema).optional(),
  })
  .strict();

/** R4 ImagingStudy: status (imagingstudy-status, required) and subject are required. */
export const ImagingStudySchema = z
  .object({
    resourceType: z.literal('ImagingStudy'),
    text: NarrativeSchema.optional(),
    identifier: z.array(IdentifierSchema).optional(),
    status: z.enum(['registered', 'available', 'cancelled', 'entered-in-error', 'unknown']),
    modality: z.array(CodingSchema).optional(),
    subject: ReferenceSchema,
    started: FhirDateTimeSchema.optional(),
    numberOfSeries: FhirUnsignedIntSchema.optional(),
    numberOfInstances: FhirUnsignedIntSchema.optional(),
    description: FhirStringSchema.optional(),
    series: z.array(ImagingSeriesSchema).optional(),
  })
  .strict();
export type ImagingStudy = z.infer<typeof ImagingStudySchema>;
