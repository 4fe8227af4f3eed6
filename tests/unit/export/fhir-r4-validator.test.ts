import { describe, expect, it } from 'vitest';
import { BONES } from '@shared/anatomy/catalogue';
import type { Lesion } from '@shared/lesion/lesion';
import { buildReferralBundle } from '../../../electron/core/export/fhir/build-referral-bundle';
import { computed, fromAnnotation, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { r4Issues } from '../../support/fhir-r4-validator';
import { FIXTURE_LESIONS, SERIES_UID, STUDY_UID, fixtureSource } from './tables-source-fixture';

// Every kind of bundle the FHIR export writes, through an R4 validator built from the official
// definitions (fhir.js, tests/support/fhir-r4-validator.ts): no error and no warning.

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n'));
const base = { studyInstanceUid: STUDY_UID, seriesInstanceUid: SERIES_UID, reader: 'AB' };
let next = 0;
const ids = () => {
  next += 1;
  const n = String(next).padStart(12, '0');
  return { id: `d0000000-0000-4000-8000-${n}`, trackingUid: `2.25.9${next}` };
};

/** A lesion on every bone and every region of the catalogue, every input unknown. */
function everySite(): Lesion[] {
  return BONES.flatMap((bone) =>
    [null, ...bone.regions.map((r) => r.id)].map((regionId) =>
      makeLesion({ ...base, ...ids(), boneId: bone.id, regionId, laterality: bone.paired ? 'right' : 'midline', status: 'final' }),
    ),
  );
}

/** Lesions with every input recorded, of each kind the scores read. */
function everythingRecorded(): Lesion[] {
  const clinical = { mirelsPain: 'functional', sinsPain: 'mechanical', newNeurologicalDeficit: true, lesserTrochanterAvulsion: true, persistentPainAfterRadiotherapy: true } as const;
  const findings = { corticalBreach: true, pathologicalFracture: true, softTissueExtension: false, epiduralExtension: true, note: 'Ærø 日本 "quoted" <b>&amp;</b>' };
  return [
    makeLesion({
      ...base,
      ...ids(),
      regionId: 'femur-subtrochanteric',
      nature: 'mixed',
      largestDimensionMm: typed(41),
      lesionWidthMm: typed(20),
      boneDiameterMm: typed(30),
      corticalThicknessMm: typed(4),
      circumferentialInvolvementPct: computed(59.5, -0.75),
      axialInvolvementMm: computed(31, -0.75, 30.25),
      clinical,
      ...findings,
      status: 'final',
    }),
    makeSpineLesion('L1', {
      ...base,
      ...ids(),
      nature: 'lytic',
      largestDimensionMm: typed(22),
      clinical,
      spine: { alignment: 'de-novo-deformity', collapse: null, collapsePct: typed(55), posterolateralInvolvement: 'bilateral', esccGrade: '3' },
      ...findings,
      status: 'final',
    }),
  ];
}

/** Radiograph lengths: at the detector (plausible and stated magnification), calibrated, in pixels. */
function radiographLengths(): Lesion[] {
  return [
    makeLesion({ ...base, ...ids(), nature: 'lytic', axialInvolvementMm: { ...fromAnnotation(34), spacingPlane: 'detector' }, largestDimensionMm: { ...typed(28), spacingPlane: 'detector', maxMagnification: 1.85 } }),
    makeLesion({ ...base, ...ids(), boneId: 'humerus', regionId: null, nature: 'blastic', lesionWidthMm: { ...fromAnnotation(12), spacingPlane: 'calibrated' }, boneDiameterMm: { ...fromAnnotation(24), spacingPlane: 'calibrated' } }),
    makeLesion({ ...base, ...ids(), boneId: 'tibia', regionId: null, nature: 'lytic', largestDimensionMm: { ...fromAnnotation(120), spacingPlane: 'none' } }),
  ];
}

type Study = ReturnType<typeof fixtureSource>['study'];

function source(lesions: Lesion[], study: Partial<Study> = {}, modality = 'CT', extra: Partial<ReturnType<typeof fixtureSource>> = {}) {
  const s = fixtureSource(lesions);
  return { ...s, ...extra, study: { ...s.study, ...study }, series: s.series.map((series) => ({ ...series, modality })) };
}

function expectValid(bundle: unknown) {
  expect(r4Issues(bundle)).toEqual([]);
}

describe('every FHIR bundle the app exports is valid R4 to a validator built from the official definitions', () => {
  it('the fixture study: an urgent femur, an emergency draft T11, a routine humerus', () => {
    expectValid(buildReferralBundle(fixtureSource(), { pdf: PDF }));
  });

  it('a lesion on every bone and region of the catalogue, nothing recorded: uncertain score ranges everywhere', () => {
    expectValid(buildReferralBundle(source(everySite()), { pdf: PDF, includeAll: true }));
  });

  it('lesions with every input recorded, non-ASCII and markup in the note', () => {
    expectValid(buildReferralBundle(source(everythingRecorded()), { pdf: PDF, includeAll: true }));
  });

  it('radiograph lengths at the detector, with a stated magnification, calibrated, and in pixels', () => {
    expectValid(buildReferralBundle(source(radiographLengths(), {}, 'DX'), { pdf: PDF, includeAll: true }));
  });

  it.each(['CT', 'MR', 'CR', 'DX', 'PT', 'NM', 'OT', 'SEG', 'SR', ''])('a study of modality %j', (modality) => {
    expectValid(buildReferralBundle(source(FIXTURE_LESIONS, {}, modality), { pdf: PDF }));
  });

  it.each([
    ['no patient id, name, sex, birth date or study date', { patientId: '', patientName: '', patientSex: '', patientBirthDate: null, studyDate: null, description: '' }],
    ['a name in several groups, non-Latin and with every part', { patientName: 'Yamada^Tarō^^Dr^III=山田^太郎=やまだ^たろう', patientSex: 'O' }],
    ['a name of one part and sex unknown', { patientName: 'Ærøskøbing', patientSex: 'U' }],
  ])('a patient with %s', (_name, study) => {
    expectValid(buildReferralBundle(source(FIXTURE_LESIONS, study), { pdf: PDF }));
  });

  it.each([
    ['an ISO issuer', { name: 'HOSP', universalEntityId: '1.2.826.0.1.3680043.2.1143', universalEntityIdType: 'ISO' }],
    ['a UUID issuer', { name: null, universalEntityId: '6F3C1B2E-9D4A-4C8E-8B7A-5D2F1E0C9B8A', universalEntityIdType: 'UUID' }],
    ['a URI issuer', { name: null, universalEntityId: 'http://hospital.example.net/mrn', universalEntityIdType: 'URI' }],
    ['an issuer by name only', { name: 'ST ELSEWHERE MRN', universalEntityId: null, universalEntityIdType: null }],
  ])('a patient id with %s', (_name, patientIdIssuer) => {
    expectValid(buildReferralBundle(source(FIXTURE_LESIONS, {}, 'CT', { patientIdIssuer }), { pdf: PDF }));
  });

  it('no exporting reader, and a reader with no name', () => {
    expectValid(buildReferralBundle(source(FIXTURE_LESIONS, {}, 'CT', { exportingReader: null, readerNames: {} }), { pdf: PDF }));
  });
});

describe('the R4 validator the tests use sees what it claims to, inside the bundle', () => {
  const bundle = buildReferralBundle(fixtureSource(), { pdf: PDF });
  const broken = (change: (resources: Record<string, Record<string, unknown>>) => void) => {
    const copy = structuredClone(bundle);
    const byType = Object.fromEntries(copy.entry.map((e) => [e.resource.resourceType, e.resource as Record<string, unknown>]));
    change(byType);
    return r4Issues(copy).map((i) => `${i.severity} ${i.location}: ${i.message}`);
  };

  it.each([
    ['a code outside a required binding', (r: Record<string, Record<string, unknown>>) => (r.ServiceRequest!.priority = 'high'), /error ServiceRequest.priority: Code "high" not found/],
    ['a required element missing', (r: Record<string, Record<string, unknown>>) => delete r.DiagnosticReport!.code, /error DiagnosticReport.code: Missing property/],
    ['an element R4 does not define', (r: Record<string, Record<string, unknown>>) => (r.Patient!.birthdate = '1962'), /error Patient.birthdate: Unexpected property/],
    ['one value where R4 repeats the element', (r: Record<string, Record<string, unknown>>) => (r.Observation!.category = { text: 'x' }), /error Observation.category: Property is not an array/],
    ['a reference to a resource type the element does not allow', (r: Record<string, Record<string, unknown>>) => (r.ServiceRequest!.subject = { reference: 'Practitioner/1' }), /error ServiceRequest.subject: Invalid type for reference/],
  ])('%s', (_name, change, message) => {
    expect(broken(change)).toEqual([expect.stringMatching(message)]);
  });
});
