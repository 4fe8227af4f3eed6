import { LESION_SCHEMA_VERSION, LesionSchema, unknownFindings, type Lesion } from '@shared/lesion/lesion';
import type { SpacingPlane } from '@shared/dicom/measurement-spacing';
import { uuidToUid } from '@shared/dicom/uid';
import { planeFields, type MeasuredMm } from '@shared/lesion/measurement';
import { scoreLesion, type LesionScores } from '@shared/scoring/score-lesion';

/** A lesion being edited: the record's fields, with the bone still possibly unchosen. */
export type LesionDraft = Omit<Lesion, 'boneId'> & { boneId: string };

/** The measured fields a linked annotation or a typed number can fill. */
export type MeasuredField = 'largestDimensionMm' | 'lesionWidthMm' | 'boneDiameterMm' | 'circumferentialInvolvementPct' | 'axialInvolvementMm';

/** A new, empty draft lesion on a series, carrying its reader. */
export function newLesionDraft(studyInstanceUid: string, seriesInstanceUid: string, reader: string): LesionDraft {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  return {
    schemaVersion: LESION_SCHEMA_VERSION,
    id,
    trackingUid: uuidToUid(id),
    studyInstanceUid,
    seriesInstanceUid,
    boneId: '',
    regionId: null,
    laterality: null,
    ...unknownFindings(),
    status: 'draft',
    reader,
    createdAt: now,
    updatedAt: now,
  };
}

/** The draft as a valid lesion with its live scores, or the first reason it is not one yet. */
export function validateDraft(draft: LesionDraft): { lesion: Lesion; scores: LesionScores } | { problem: string } {
  if (!draft.boneId) return { problem: 'Choose the bone.' };
  const parsed = LesionSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${issue.path.join('.')}: ${issue.message}` };
  }
  return { lesion: parsed.data, scores: scoreLesion(parsed.data) };
}

/**
 * A value measured from an annotation, with the plane of its image when that is not the patient's
 * (a radiograph's detector: the scores then take a range, over a wider magnification where the
 * header states one above 1.3; the core checks both against the index).
 */
export function fromAnnotation(value: number, annotationId: string, plane: SpacingPlane = 'patient', maxMagnification?: number): MeasuredMm {
  return { value, provenance: { source: 'annotation', annotationId }, ...planeFields(plane, maxMagnification) };
}
