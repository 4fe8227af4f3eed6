import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { buildLesionTables } from '../../../electron/core/export/tables/write-lesion-tables';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { referralSections } from '../../../electron/core/export/referral/referral-sections';
import { findingObservation } from '../../../electron/core/export/fhir/build-finding-observation';
import { lesionGroup } from '../../../electron/core/export/sr/lesion-group';
import { restoreLesion } from '../../../electron/core/export/sr/restore-lesion';
import { LesionSchema } from '@shared/lesion/lesion';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { readCsvWithPython } from './export-files';
import { FIXTURE_LESIONS, fixtureSource } from './tables-source-fixture';

// The fixture's femoral lesion with its axial involvement (34 mm, from a drawing) measured on a
// radiograph at the detector instead of on the CT: every export says so beside the number. Its
// neurology is recorded (no new deficit), so that urgent is the worst the length leaves open.
const atDetector: MeasuredMm = { ...fromAnnotation(34, 'c0000000-0000-4000-8000-000000000001'), spacingPlane: 'detector' };
const femur = makeLesion({ ...FIXTURE_LESIONS[0]!, axialInvolvementMm: atDetector, circumferentialInvolvementPct: typed(10), clinical: { ...FIXTURE_LESIONS[0]!.clinical, newNeurologicalDeficit: false } });

describe('a radiograph length at the detector in the exports', () => {
  it('the lesion table names each length\'s plane and leaves the axial criterion undecided, not urgent', () => {
    const [row] = buildLesionTables(fixtureSource([femur])).json.rows;
    expect(row).toMatchObject({ axial_involvement_mm: 34, axial_involvement_mm_plane: 'detector', circumferential_involvement_pct_plane: null, van_der_linden_flagged: null, urgency_worst_case: 'urgent' });
    expect(row).toMatchObject({ axial_involvement_mm_max_magnification: 1.3, circumferential_involvement_pct_max_magnification: null });
    expect(row!.urgency_level).not.toBe('urgent');
    const [patient] = buildLesionTables(fixtureSource([FIXTURE_LESIONS[0]!])).json.rows;
    expect(patient).toMatchObject({ axial_involvement_mm_plane: 'patient', axial_involvement_mm_max_magnification: null });
  });

  it("the lesion table carries a larger magnification its radiograph's header states, in the CSV too", () => {
    // A researcher reading 'detector' alone would divide by 1.0 to 1.3: 45 mm would be 34.62-45 mm, where the header allows 24.32-45.
    const stated = makeLesion({ ...femur, axialInvolvementMm: { ...atDetector, value: 45, maxMagnification: 1.85 } });
    const tables = buildLesionTables(fixtureSource([stated]));
    expect(tables.json.rows[0]).toMatchObject({ axial_involvement_mm: 45, axial_involvement_mm_plane: 'detector', axial_involvement_mm_max_magnification: 1.85 });
    const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-table-')), 'lesions.csv');
    fs.writeFileSync(csv, tables.csv);
    const [header, line] = readCsvWithPython(csv);
    expect(line![header!.indexOf('axial_involvement_mm_max_magnification')]).toBe('1.85');
    fs.rmSync(path.dirname(csv), { recursive: true });
  });

  it('the referral packet writes "mm (detector)" beside the value, and its text says the range', () => {
    const packet = buildReferralPacket(fixtureSource([femur]), { resolveFile: () => null, includeAll: true });
    expect(packet.lesions[0]!.measurements.find((m) => m.label === 'Axial cortical involvement')).toMatchObject({ value: 34, unit: 'mm (detector)' });
    const text = JSON.stringify(referralSections(packet));
    expect(text).toContain('Axial cortical involvement: 34 mm (detector)');
    expect(text).toContain('34 mm at the detector (26.15-34 mm in the patient');
  });

  it('the FHIR finding keeps the UCUM mm and notes the plane', () => {
    const observation = findingObservation(femur, { patient: 'urn:p', imagingStudy: 'urn:s', reader: 'urn:r', scores: [] }, { studyDate: null, issued: '2026-02-01T10:00:00Z' });
    expect(JSON.stringify(observation.note)).toContain('Axial cortical involvement 34 mm: measured at the detector plane, not corrected for radiographic magnification');
  });

  it('the SR writes the plane under the lesion\'s axial involvement, and nothing under a patient-plane length', () => {
    type Node = Record<string, unknown>;
    const all = (n: Node): Node[] => ((n.ContentSequence as Node[] | undefined) ?? []).flatMap((c) => [c, ...all(c)]);
    const codeOf = (n: Node) => (n.ConceptNameCodeSequence as Node[] | undefined)?.[0]?.CodeValue;
    const axialPlane = (lesion: typeof femur) => {
      const group = lesionGroup(lesion, { label: 'Lesion 1', annotations: [], instances: new Map(), deidentified: true });
      const axial = all(group).find((n) => codeOf(n) === 'BM-AXIAL-INV')!;
      return all(axial).find((n) => codeOf(n) === 'BM-SPACING-PLANE')?.TextValue ?? null;
    };
    expect(axialPlane(femur)).toBe("detector: measured at the detector plane, not corrected for radiographic magnification: the patient's size is this divided by 1.0 to 1.3");
    expect(axialPlane(FIXTURE_LESIONS[0]!)).toBeNull();
  });

  it('an SR read back from its standard content alone keeps the detector plane, so the restored score stays undecided', () => {
    const group = lesionGroup(femur, { label: 'Lesion 1', annotations: [], instances: new Map(), deidentified: false });
    const restored = LesionSchema.parse({ ...restoreLesion(group as never, femur.studyInstanceUid, 'AB'), attachedAnnotationIds: [] });
    expect(restored.axialInvolvementMm).toEqual(atDetector);
    expect(restoreLesion(lesionGroup(FIXTURE_LESIONS[0]!, { label: 'L', annotations: [], instances: new Map(), deidentified: false }) as never, femur.studyInstanceUid, 'AB').axialInvolvementMm).toEqual(FIXTURE_LESIONS[0]!.axialInvolvementMm);
  });
});
