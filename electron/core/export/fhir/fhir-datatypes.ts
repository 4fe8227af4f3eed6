import { z } from 'zod';

// The FHIR R4 (4.0.1) primitive and general-purpose data types the referral bundle uses, with
// the regular expressions of the R4 datatypes page. Only what we emit is modelled; every object
// is strict, so that a misspelt element is refused instead of silently dropped by a receiver.

/** R4 id: [A-Za-z0-9\-\.]{1,64}. */
export const FhirIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a FHIR id');
/** R4 code: no leading/trailing whitespace, single spaces only. */
export const FhirCodeSchema = z.string().regex(/^[^\s]+( [^\s]+)*$/, 'not a FHIR code');
/** R4 uri: no whitespace. */
export const FhirUriSchema = z.string().min(1).regex(/^\S*$/, 'not a FHIR uri');
/** R4 string: non-empty (an empty string is not a value in FHIR). */
export const FhirStringSchema = z.string().min(1).refine((s) => s.trim().length > 0, 'FHIR strings must hold a non-whitespace character');
/** R4 markdown: as string. */
export const FhirMarkdownSchema = FhirStringSchema;
/** R4 date: YYYY, YYYY-MM or YYYY-MM-DD. */
export const FhirDateSchema = z
  .string()
  .regex(/^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/, 'not a FHIR date');
/** R4 dateTime: a date, or a date and time with a time zone (required when hours are given). */
export const FhirDateTimeSchema = z
  .string()
  .regex(
    /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
    'not a FHIR dateTime',
  );
/** R4 instant: a full timestamp with a time zone. */
export const FhirInstantSchema = z
  .string()
  .regex(
    /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/,
    'not a FHIR instant',
  );
/**
 * Whether text matches R4's base64Binary pattern, (\s*([0-9a-zA-Z+/=]){4}\s*)+: runs of base64
 * characters, each a multiple of four long, between whitespace. Checked run by run, not by that
 * pattern: V8's backtracking engine overflows its stack on it from about 2 MB (a referral packet
 * with key images of many lesions).
 */
function isR4Base64(text: string): boolean {
  const runs = text.split(/\s+/).filter((run) => run.length > 0);
  return runs.length > 0 && runs.every((run) => run.length % 4 === 0 && /^[0-9a-zA-Z+/=]+$/.test(run));
}

/** R4 base64Binary. */
export const FhirBase64Schema = z.string().refine(isR4Base64, 'not base64');
/** R4 unsignedInt. */
export const FhirUnsignedIntSchema = z.number().int().min(0).max(2_147_483_647);
/** R4 decimal (finite). */
export const FhirDecimalSchema = z.number().finite();

export const CodingSchema = z
  .object({ system: FhirUriSchema.optional(), version: FhirStringSchema.optional(), code: FhirCodeSchema.optional(), display: FhirStringSchema.optional() })
  .strict();
export type Coding = z.infer<typeof CodingSchema>;

/** R4 CodeableConcept; ele-1: it holds a coding or a text. */
export const CodeableConceptSchema = z
  .object({ coding: z.array(CodingSchema).min(1).optional(), text: FhirStringSchema.optional() })
  .strict()
  .refine((c) => c.coding !== undefined || c.text !== undefined, 'a CodeableConcept needs a coding or a text');
export type CodeableConcept = z.infer<typeof CodeableConceptSchema>;

export const IdentifierSchema = z
  .object({
    use: z.enum(['usual', 'official', 'temp', 'secondary', 'old']).optional(),
    type: CodeableConceptSchema.optional(),
    system: FhirUriSchema.optional(),
    value: FhirStringSchema,
    /** Who issued the identifier, by name only (no resource of it is in the bundle). */
    assigner: z.object({ display: FhirStringSchema }).strict().optional(),
  })
  .strict();
export type Identifier = z.infer<typeof IdentifierSchema>;

/** A reference inside the bundle: always a literal reference (urn:uuid of an entry). */
export const ReferenceSchema = z.object({ reference: FhirStringSchema, display: FhirStringSchema.optional() }).strict();
export type Reference = z.infer<typeof ReferenceSchema>;

export const QuantitySchema = z
  .object({ value: FhirDecimalSchema, unit: FhirStringSchema.optional(), system: FhirUriSchema.optional(), code: FhirCodeSchema.optional() })
  .strict();

/** R4 Range; rng-2: low <= high. */
export const RangeSchema = z
  .object({ low: QuantitySchema.optional(), high: QuantitySchema.optional() })
  .strict()
  .refine((r) => !r.low || !r.high || r.low.value <= r.high.value, 'a Range needs low <= high');

export const AnnotationNoteSchema = z.object({ text: FhirMarkdownSchema, time: FhirDateTimeSchema.optional() }).strict();

export const HumanNameSchema = z
  .object({
    use: z.enum(['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden']).optional(),
    text: FhirStringSchema.optional(),
    family: FhirStringSchema.optional(),
    given: z.array(FhirStringSchema).min(1).optional(),
  })
  .strict();

/** R4 Attachment; att-1: data needs a contentType. */
export const AttachmentSchema = z
  .object({ contentType: FhirCodeSchema.optional(), language: FhirCodeSchema.optional(), data: FhirBase64Schema.optional(), title: FhirStringSchema.optional(), creation: FhirDateTimeSchema.optional() })
  .strict()
  .refine((a) => a.data === undefined || a.contentType !== undefined, 'an Attachment with data needs a contentType');

/** R4 Narrative as generated from the resource: txt-1/txt-2 hold for the escaped paragraphs narrative.ts writes. */
export const NarrativeSchema = z
  .object({ status: z.literal('generated'), div: z.string().regex(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">(<p>[^<>]+<\/p>)+<\/div>$/, 'not a generated narrative') })
  .strict();
