import { describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { LesionSchema } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { MAX_STATED_MAGNIFICATION, planeNoteMagnification, spacingPlaneNote } from '@shared/dicom/measurement-spacing';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { annotationItems } from '../../../electron/core/export/sr/annotation-items';
import { lesionGroup } from '../../../electron/core/export/sr/lesion-group';
import { restoreLesion } from '../../../electron/core/export/sr/restore-lesion';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { FIXTURE_LESIONS } from './tables-source-fixture';

// A lesion restored from its SR's standard content (its image not indexed) lost the largest
// magnification its radiograph's header states: a 45 mm detector axial length with 1.85 (24.32-45 mm
// in the patient, Van der Linden's > 30 mm undecided, could be urgent) was rescored over 1.0-1.3
// (34.62-45 mm: urgent, certainly). And a drawing on that radiograph was written as "1.0 to 1.3".

type Node = Record<string, unknown>;
const all = (n: Node): Node[] => ((n.ContentSequence as Node[] | undefined) ?? []).flatMap((c) => [c, ...all(c)]);
const codeOf = (n: Node) => (n.ConceptNameCodeSequence as Node[] | undefined)?.[0]?.CodeValue;

const atDetector: MeasuredMm = { ...fromAnnotation(45, 'c0000000-0000-4000-8000-000000000185'), spacingPlane: 'detector', maxMagnification: 1.85 };
const femur = makeLesion({ ...FIXTURE_LESIONS[0]!, axialInvolvementMm: atDetector, circumferentialInvolvementPct: typed(10), clinical: { ...FIXTURE_LESIONS[0]!.clinical, newNeurologicalDeficit: false } });

describe("a detector length whose radiograph's header states a magnification of 1.85, through the SR", () => {
  it('is read back with that magnification, so the restored score stays undecided, never certainly urgent', () => {
    expect(scoreLesion(femur).urgency.level).not.toBe('urgent');
    const group = lesionGroup(femur, { label: 'Lesion 1', annotations: [], instances: new Map(), deidentified: false });
    const restored = LesionSchema.parse({ ...restoreLesion(group as never, femur.studyInstanceUid, 'AB'), attachedAnnotationIds: [] });
    expect(restored.axialInvolvementMm).toEqual(atDetector);
    const scores = scoreLesion(restored);
    expect(scores.vanDerLinden.flagged).toBeNull();
    expect(scores.urgency.worstCase).toBe('urgent');
    expect(scores.urgency.level).not.toBe('urgent');
    // The note reads back what it was written with: 1.3 as absent, the bound (magnification not known) as itself.
    expect(planeNoteMagnification(spacingPlaneNote('detector'))).toBeUndefined();
    expect(planeNoteMagnification(spacingPlaneNote('detector', MAX_STATED_MAGNIFICATION))).toBe(MAX_STATED_MAGNIFICATION);
  });

  it("writes a drawing's plane note with the header's magnification, not 1.0 to 1.3", () => {
    const drawing: Annotation = {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'c0000000-0000-4000-8000-000000000185', lesionId: null, studyInstanceUid: femur.studyInstanceUid, seriesInstanceUid: femur.seriesInstanceUid,
      sopInstanceUid: '1.2.3.4.185', frameOfReferenceUid: '1.2.3.4.999', frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[0, 0, 0], [0, 45, 0]], text: null,
      measurements: { length: 45 }, reader: 'AB', createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:00:00.000Z',
    };
    const instances = new Map([[drawing.sopInstanceUid!, { sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1', seriesInstanceUid: drawing.seriesInstanceUid, frames: 1, pixelPlane: null, spacingPlane: 'detector' as const, maxMagnification: 1.85 }]]);
    const group = lesionGroup(femur, { label: 'Lesion 1', annotations: [drawing], instances, deidentified: true });
    const notes = all(group as Node).filter((n) => codeOf(n) === 'BM-SPACING-PLANE').map((n) => n.TextValue as string);
    expect(notes.length).toBe(2);
    for (const note of notes) expect(note).toContain('divided by 1.0 to 1.85');
    const item = annotationItems(drawing, { sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1', multiFrame: false, deidentified: true, pixelPlane: null, spacingPlane: 'detector', maxMagnification: 1.85 });
    expect(JSON.stringify(item)).toContain('divided by 1.0 to 1.85');
  });
});
