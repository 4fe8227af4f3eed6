import { z } from 'zod';
import {
  AnnotationNoteSchema,
  AttachmentSchema,
  CodeableConceptSchema,
  FhirDateTimeSchema,
  FhirInstantSchema,
  FhirStringSchema,
  IdentifierSchema,
  QuantitySchema,
  RangeSchema,
  ReferenceSchema,
  NarrativeSchema,
} from './fhir-datatypes';

// Observation, DiagnosticReport and ServiceRequest as FHIR R4 (4.0.1) defines them, restricted
// to the elements we emit, with the required bindings and the invariants that concern them.

/** The value[x] choices we emit; at most one may be present. */
const VALUE_KEYS = ['valueQuantity', 'valueInteger', 'valueBoolean', 'valueRange', 'valueCodeableConcept', 'valueString'] as const;
const valueChoices = {
  valueQuantity: QuantitySchema.optional(),
  valueInteger: z.number().int().optional(),
  valueBoolean: z.boolean().optional(),
  valueRange: RangeSchema.optional(),
  valueCodeableConcept: CodeableConceptSchema.optional(),
  valueString: FhirStringSchema.optional(),
};

function valueCount(o: Record<string, unknown>): number {
  return VALUE_KEYS.filter((k) => o[k] !== undefined).length;
}

/** obs-6: dataAbsentReason only when there is no value; value[x] is a choice: one at most. */
function checkValue(o: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const n = valueCount(o);
  if (n > 1) ctx.addIssue({ code: 'custom', message: 'value[x] holds one choice only' });
  if (n > 0 && o.dataAbsentReason !== undefined) ctx.addIssue({ code: 'custom', message: 'obs-6: dataAbsentReason SHALL only be present if value[x] is not' });
}

const ObservationComponentSchema = z
  .object({
    code: CodeableConceptSchema,
    ...valueChoices,
    dataAbsentReason: CodeableConceptSchema.optional(),
    interpretation: z.array(CodeableConceptSchema).optional(),
  })
  .strict()
  .superRefine(checkValue);

/** R4 Observation: status (observation-status, required) and code are required. */
export const ObservationSchema = z
  .object({
    resourceType: z.literal('Observation'),
    text: NarrativeSchema.optional(),
    identifier: z.array(IdentifierSchema).optional(),
    status: z.enum(['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown']),
    category: z.array(CodeableConceptSchema).optional(),
    code: CodeableConceptSchema,
    subject: ReferenceSchema.optional(),
    effectiveDateTime: FhirDateTimeSchema.optional(),
    issued: FhirInstantSchema.optional(),
    performer: z.array(ReferenceSchema).optional(),
    ...valueChoices,
    dataAbsentReason: CodeableConceptSchema.optional(),
    interpretation: z.array(CodeableConceptSchema).optional(),
    note: z.array(AnnotationNoteSchema).optional(),
    bodySite: CodeableConceptSchema.optional(),
    method: CodeableConceptSchema.optional(),
    hasMember: z.array(ReferenceSchema).optional(),
    derivedFrom: z.array(ReferenceSchema).optional(),
    component: z.array(ObservationComponentSchema).optional(),
  })
  .strict()
  .superRefine(checkValue);
export type Observation = z.infer<typeof ObservationSchema>;

/** R4 DiagnosticReport: status (diagnostic-report-status, required) and code are required. */
export const DiagnosticReportSchema = z
  .object({
    resourceType: z.literal('DiagnosticReport'),
    text: NarrativeSchema.optional(),
    identifier: z.array(IdentifierSchema).optional(),
    status: z.enum(['registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'cancelled', 'entered-in-error', 'unknown']),
    category: z.array(CodeableConceptSchema).optional(),
    code: CodeableConceptSchema,
    subject: ReferenceSchema.optional(),
    effectiveDateTime: FhirDateTimeSchema.optional(),
    issued: FhirInstantSchema.optional(),
    resultsInterpreter: z.array(ReferenceSchema).optional(),
    result: z.array(ReferenceSchema).optional(),
    imagingStudy: z.array(ReferenceSchema).optional(),
    conclusion: FhirStringSchema.optional(),
    presentedForm: z.array(AttachmentSchema).optional(),
  })
  .strict();
export type DiagnosticReport = z.infer<typeof DiagnosticReportSchema>;

/** R4 ServiceRequest: status, intent (required bindings) and subject are required; priority binds to request-priority. */
export const ServiceRequestSchema = z
  .object({
    resourceType: z.literal('ServiceRequest'),
    text: NarrativeSchema.optional(),
    identifier: z.array(IdentifierSchema).optional(),
    status: z.enum(['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown']),
    intent: z.enum(['proposal', 'plan', 'directive', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'option']),
    category: z.array(CodeableConceptSchema).optional(),
    priority: z.enum(['routine', 'urgent', 'asap', 'stat']).optional(),
    code: CodeableConceptSchema.optional(),
    subject: ReferenceSchema,
    authoredOn: FhirDateTimeSchema.optional(),
    requester: ReferenceSchema.optional(),
    reasonCode: z.array(CodeableConceptSchema).optional(),
    reasonReference: z.array(ReferenceSchema).optional(),
    supportingInfo: z.array(ReferenceSchema).optional(),
    note: z.array(AnnotationNoteSchema).optional(),
  })
  .strict();
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;
