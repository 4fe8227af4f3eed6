import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';
import { AnalysisMethodSchema } from '../lesion/measurement';
import { PatientPointSchema } from './bone-analysis-request';
import { RigidityVerdictSchema, type BoneAnalysisResult } from './bone-analysis-result';

/** One section of the rigidity profile as the lesion keeps it: the lesion side's rigidities and the reference's at the same level. */
export const ProfileSectionSchema = z
  .object({
    index: z.number().int().nonnegative(),
    /** Distance along the bone axis from the click (mm): the plot's horizontal axis. */
    positionMm: z.number().finite(),
    /** Patient z of the section's centre (mm), as the reasons quote it. */
    zMm: z.number().finite(),
    ea: z.number().nonnegative(),
    eiMin: z.number().nonnegative(),
    gj: z.number().nonnegative(),
    referenceEa: z.number().nonnegative().nullable(),
    referenceEiMin: z.number().nonnegative().nullable(),
    referenceGj: z.number().nonnegative().nullable(),
    /** Destroyed share of the circumference on this section (all regions). */
    involvementPct: z.number().min(0).max(100),
  })
  .strict();
export type ProfileSection = z.infer<typeof ProfileSectionSchema>;

/**
 * What a lesion keeps of an accepted bone analysis (lesion form 3): the method, where it was run,
 * the rigidity verdict (lowest ratios, where, flag, every constant; experimental) and the profile a
 * plot needs. The involvement figures themselves are kept as the lesion's computed values.
 */
export const BoneAnalysisSummarySchema = z
  .object({
    method: AnalysisMethodSchema,
    seriesInstanceUid: DicomUidSchema,
    /** The reader's click (patient mm). */
    at: PatientPointSchema,
    rigidity: RigidityVerdictSchema,
    reference: z
      .object({
        kind: z.enum(['contralateral', 'own-sections', 'none']),
        foundBy: z.enum(['mirrored', 'second-click']).nullable(),
        note: z.string().max(2000),
      })
      .strict(),
    /** The sections of the destroyed region the proposals describe (null when no cortex is destroyed). */
    involved: z.object({ firstSection: z.number().int().nonnegative(), lastSection: z.number().int().nonnegative() }).strict().nullable(),
    profile: z.array(ProfileSectionSchema).min(1).max(4000),
  })
  .strict();
export type BoneAnalysisSummary = z.infer<typeof BoneAnalysisSummarySchema>;

/** The summary a lesion keeps of an analysis result. */
export function boneAnalysisSummary(result: BoneAnalysisResult): BoneAnalysisSummary {
  const region = result.regions.find((r) => r.id === result.regionId) ?? null;
  return BoneAnalysisSummarySchema.parse({
    method: { algorithmName: result.method.algorithmName, algorithmVersion: result.method.algorithmVersion },
    seriesInstanceUid: result.seriesInstanceUid,
    at: result.at,
    rigidity: result.rigidity,
    reference: { kind: result.reference.kind, foundBy: result.reference.foundBy, note: result.reference.note },
    involved: region ? { firstSection: region.firstSection, lastSection: region.lastSection } : null,
    profile: result.sections.map((s) => {
      const ref = result.reference.sections.find((r) => r.index === s.index);
      return {
        index: s.index,
        positionMm: s.position,
        zMm: s.centre[2],
        ea: s.ea,
        eiMin: s.eiMin,
        gj: s.gj,
        referenceEa: ref?.ea ?? null,
        referenceEiMin: ref?.eiMin ?? null,
        referenceGj: ref?.gj ?? null,
        involvementPct: s.circumferentialInvolvementPct,
      };
    }),
  });
}
