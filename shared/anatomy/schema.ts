import { z } from 'zod';

/** A SNOMED CT concept as DICOM codes it: scheme designator SCT, code value, code meaning. */
export const SnomedCodeSchema = z.object({
  scheme: z.literal('SCT'),
  value: z.string().regex(/^[0-9]{6,18}$/, 'not a SNOMED CT concept id'),
  meaning: z.string().min(1),
});
export type SnomedCode = z.infer<typeof SnomedCodeSchema>;

/**
 * What a bone is, as far as the scores care: Mirels and Van der Linden read long
 * bones, SINS and ESCC read vertebrae.
 */
export const BoneKindSchema = z.enum(['long-bone', 'vertebra', 'pelvis', 'rib', 'other']);
export type BoneKind = z.infer<typeof BoneKindSchema>;

/** Spine segment of a vertebral level; coccygeal for the coccyx. */
export const SpineSegmentSchema = z.enum(['cervical', 'thoracic', 'lumbar', 'sacral', 'coccygeal']);
export type SpineSegment = z.infer<typeof SpineSegmentSchema>;

/** A region of a long bone (head, neck, shaft...); ids are unique across the catalogue. */
export const BoneRegionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Null where no public DICOM/FHIR source confirmed a code (never guessed). */
  code: SnomedCodeSchema.nullable(),
  synonyms: z.array(z.string()),
});
export type BoneRegion = z.infer<typeof BoneRegionSchema>;

/** One bone (or vertebral level) a bone-metastasis reader can mark. */
export const BoneSchema = z.object({
  id: z.string().regex(/^[a-zA-Z0-9-]+$/),
  name: z.string().min(1),
  code: SnomedCodeSchema.nullable(),
  /** Paired bones take left/right laterality. */
  paired: z.boolean(),
  kind: BoneKindSchema,
  /** Vertebral level label ("T11", "S1", "Co") for the spine, else null. */
  level: z.string().nullable(),
  segment: SpineSegmentSchema.nullable(),
  regions: z.array(BoneRegionSchema),
  synonyms: z.array(z.string()),
});
export type Bone = z.infer<typeof BoneSchema>;

/** Laterality of a finding; null where it was not recorded. */
export const LateralitySchema = z.enum(['left', 'right', 'midline']);
export type Laterality = z.infer<typeof LateralitySchema>;
