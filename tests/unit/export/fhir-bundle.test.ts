import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { scoreLesion, scoreResults } from '@shared/scoring/score-lesion';
import { buildReferralBundle } from '../../../electron/core/export/fhir/build-referral-bundle';
import { collectReferences, validateCollectionBundle, type CollectionBundle } from '../../../electron/core/export/fhir/fhir-bundle';
import { patientResource } from '../../../electron/core/export/fhir/build-people';
import { BONEMET_FHIR_BASE, COMPONENT_CODES, SYSTEMS } from '../../../electron/core/export/fhir/fhir-codes';
import { ObservationSchema, ServiceRequestSchema, DiagnosticReportSchema } from '../../../electron/core/export/fhir/fhir-report-resources';
import { ImagingStudySchema } from '../../../electron/core/export/fhir/fhir-resources';
import { FhirBase64Schema } from '../../../electron/core/export/fhir/fhir-datatypes';
import { REQUEST_PRIORITY } from '../../../electron/core/export/fhir/request-priority';
import { FHIR_BUNDLE_FILE, writeFhirBundle } from '../../../electron/core/export/fhir/write-fhir-bundle';
import { computed, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';
import { FIXTURE_LESIONS, SERIES_UID, SOP_UIDS, STUDY_UID, fixtureSource } from './tables-source-fixture';

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n% a stand-in: the real packet is tested in referral-*.test.ts\n%%EOF\n'));
const folder = temporaryFolder('fhir');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const bundle = buildReferralBundle(fixtureSource(), { pdf: PDF });
const resources = <T extends string>(type: T) => bundle.entry.filter((e) => e.resource.resourceType === type);

describe('the FHIR R4 referral bundle', () => {
  it('is a collection whose every reference resolves to an entry of the bundle', () => {
    expect(bundle.type).toBe('collection');
    const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
    expect(fullUrls.size).toBe(bundle.entry.length);
    for (const e of bundle.entry) expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const refs = collectReferences(bundle.entry);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(fullUrls.has(ref.reference), `${ref.path} -> ${ref.reference}`).toBe(true);
  });

  it('holds the patient, the study with every series and instance, and the readers', () => {
    const [patient] = resources('Patient');
    expect(patient!.resource).toMatchObject({ gender: 'female', birthDate: '1962-07-04', identifier: [{ system: SYSTEMS.dicomPatientId, value: 'ID,"7"' }], name: [{ family: "O'BRIEN", given: ['Ærø Jane'] }] });
    const study = ImagingStudySchema.parse(resources('ImagingStudy')[0]!.resource);
    expect(study.status).toBe('available');
    expect(study.identifier?.[0]?.value).toBe(`urn:oid:${STUDY_UID}`);
    expect(study.series?.[0]?.modality).toEqual({ system: SYSTEMS.dicom, code: 'CT' });
    expect(study.series?.[0]?.instance?.map((i) => i.uid)).toEqual(SOP_UIDS);
    expect(study.series?.[0]?.instance?.[0]?.sopClass).toEqual({ system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' });
    // Every lesion's reader: the routine humerus (Carl Dahl's) is in the bundle as a finding.
    expect(resources('Practitioner').map((e) => e.resource)).toEqual([expect.objectContaining({ name: [{ text: 'Anna Berg' }] }), expect.objectContaining({ name: [{ text: 'Carl Dahl' }] })]);
  });

  it('carries one Observation per applicable score of every lesion, with a component per sub-score', () => {
    const observations = resources('Observation').map((e) => ObservationSchema.parse(e.resource)).filter((o) => o.code.coding?.[0]?.system === SYSTEMS.scores);
    // T11 (emergency first): Harrington (it names no site, rule set v8), SINS, ESCC. Femur: Mirels, Harrington, Van der Linden. Humerus (routine): Mirels, Harrington.
    expect(observations.map((o) => o.code.coding?.[0]?.code)).toEqual(['harrington', 'sins', 'escc', 'mirels', 'harrington', 'van-der-linden', 'mirels', 'harrington']);
    const mirels = observations.find((o) => o.code.coding?.[0]?.code === 'mirels')!;
    expect(mirels.valueInteger).toBe(9);
    expect(mirels.component?.map((c) => [c.code.coding?.[0]?.code, c.valueInteger])).toEqual([['mirels.site', 2], ['mirels.nature', 3], ['mirels.size', 2], ['mirels.pain', 2]]);
    expect(mirels.bodySite?.coding?.[0]).toMatchObject({ system: SYSTEMS.snomed, code: '41111004' });
    const sins = observations.find((o) => o.code.coding?.[0]?.code === 'sins')!;
    expect(sins.status).toBe('preliminary');
    expect(sins.valueRange?.low?.value).toBeLessThan(sins.valueRange!.high!.value);
    // A sub-score whose input is missing: the points it could still give.
    const missing = sins.component?.find((c) => c.valueRange);
    expect(missing?.valueRange?.low?.value).toBeLessThan(missing!.valueRange!.high!.value);
    const escc = observations.find((o) => o.code.coding?.[0]?.code === 'escc')!;
    expect(escc.valueCodeableConcept?.coding?.[0]?.code).toBe('escc-grade-2');
    const vdl = observations.find((o) => o.code.coding?.[0]?.code === 'van-der-linden')!;
    expect(vdl.component?.find((c) => c.code.coding?.[0]?.code === 'van-der-linden.axial')?.valueBoolean).toBe(true);
  });

  it('carries a finding Observation of every lesion of the study: site, nature, size, fracture, identified by its Tracking UID', () => {
    const findings = resources('Observation').filter((e) => (e.resource as { code: { coding: { code: string }[] } }).code.coding[0]!.code === '94222008');
    expect(findings.map((e) => ObservationSchema.parse(e.resource).identifier)).toEqual(
      ['2.25.102', '2.25.101', '2.25.103'].map((uid) => [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }]),
    );
    const humerus = ObservationSchema.parse(findings[2]!.resource);
    expect(humerus).toMatchObject({
      status: 'final',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '94222008', display: 'Secondary malignant neoplasm of bone' }] },
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '52101004', display: 'Present' }] },
      bodySite: { coding: [{ system: 'http://snomed.info/sct', code: '20760004' }], text: 'Humerus, Humeral diaphysis (shaft), right' },
      effectiveDateTime: '2024-01-15',
      note: [{ text: '=SUM(A1:A2)' }],
    });
    const component = (o: typeof humerus, system: string, code: string) => o.component?.find((c) => c.code.coding?.[0]?.system === system && c.code.coding?.[0]?.code === code);
    expect(component(humerus, 'http://snomed.info/sct', '272741003')?.valueCodeableConcept?.coding?.[0]).toMatchObject({ system: 'http://snomed.info/sct', code: '24028007' });
    expect(component(humerus, SYSTEMS.findings, 'lesion-nature')?.valueCodeableConcept?.coding?.[0]).toMatchObject({ system: SYSTEMS.findings, code: 'blastic' });
    expect(component(humerus, 'http://loinc.org', '33728-7')?.valueQuantity).toEqual({ value: 24.999, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' });
    expect(component(humerus, SYSTEMS.findings, 'circumferential-cortical-involvement')?.valueQuantity).toEqual({ value: 12.5, unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
    expect(component(humerus, 'http://snomed.info/sct', '268029009')?.valueBoolean).toBe(false);
    // Not recorded: said so, never left out or taken as "no".
    const femur = ObservationSchema.parse(findings[1]!.resource);
    expect(component(femur, 'http://snomed.info/sct', '268029009')).toMatchObject({ dataAbsentReason: { coding: [{ code: 'unknown' }] } });
    expect(component(femur, 'http://loinc.org', '33728-7')).toMatchObject({ dataAbsentReason: { coding: [{ code: 'unknown' }] } });
    expect(component(femur, SYSTEMS.findings, 'axial-cortical-involvement')?.valueQuantity?.value).toBe(34);
    // Its members are its own score Observations.
    const urls = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
    const members = femur.hasMember!.map((m) => urls.get(m.reference) as { identifier: { value: string }[] });
    expect(members.map((m) => m.identifier[0]!.value)).toEqual(['mirels', 'harrington', 'van-der-linden'].map((score) => `${FIXTURE_LESIONS[0]!.id}/${score}`));
  });

  it('says where a computed value came from in the finding, and in the reasons of the score that uses it', () => {
    const lesion = makeLesion({ ...FIXTURE_LESIONS[0]!, circumferentialInvolvementPct: computed(59.5, -0.75) });
    const computedBundle = buildReferralBundle(fixtureSource([lesion]), { pdf: PDF });
    const observations = computedBundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation').map((r) => ObservationSchema.parse(r));
    const finding = observations.find((o) => o.code.coding?.[0]?.code === '94222008')!;
    const source = 'computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0 on the section at z = -0.75 mm';
    expect(finding.note?.map((n) => n.text)).toContain(`Circumferential involvement 59.5%: ${source}.`);
    const vdl = observations.find((o) => o.identifier?.[0]?.value === `${lesion.id}/van-der-linden`)!;
    expect(vdl.note?.map((n) => n.text).join(' ')).toContain(`circumferential involvement 59.5% > 50% (${source})`);
  });

  it('has every Observation with a status, a code in a real code system, the patient, and the study date as its effective time', () => {
    const patient = resources('Patient')[0]!.fullUrl;
    const observations = resources('Observation').map((e) => ObservationSchema.parse(e.resource));
    expect(observations).toHaveLength(3 + 8);
    for (const o of observations) {
      expect(['final', 'preliminary']).toContain(o.status);
      expect([SYSTEMS.snomed, SYSTEMS.scores]).toContain(o.code.coding?.[0]?.system);
      expect(o.subject?.reference).toBe(patient);
      expect(o.effectiveDateTime).toBe('2024-01-15');
      expect(o.issued).toBe('2026-02-03T04:05:06.000Z');
    }
  });

  it('uses only real code systems and the app\'s own declared namespace: no placeholder URL anywhere', () => {
    const systems = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if ((key === 'system' || key === 'url') && typeof child === 'string') systems.add(child);
        walk(child);
      }
    };
    walk(bundle);
    const external = ['http://snomed.info/sct', 'http://loinc.org', 'http://dicom.nema.org/resources/ontology/DCM', 'http://unitsofmeasure.org', 'urn:dicom:uid', 'urn:ietf:rfc:3986'];
    for (const system of systems) {
      expect(system).not.toMatch(/example/i);
      const ours = system.startsWith(`${BONEMET_FHIR_BASE}/`);
      expect(ours || external.includes(system) || system.startsWith('http://terminology.hl7.org/CodeSystem/'), system).toBe(true);
    }
    expect(BONEMET_FHIR_BASE).toMatch(/^https:\/\/[a-z0-9.-]+\/[a-z]+$/);
    expect([...systems].filter((x) => external.includes(x)).sort()).toEqual([...external].sort());
  });

  it('names the Patient ID\'s system by the issuer the images give, else by the app\'s naming system with the issuer as assigner', () => {
    const study = fixtureSource().study;
    const identifier = (issuer: Parameters<typeof patientResource>[1]) => patientResource(study, issuer).identifier?.[0];
    expect(identifier({ name: 'HOSP', universalEntityId: '1.2.826.0.1.3680043.2.1143', universalEntityIdType: 'ISO' })).toMatchObject({ system: 'urn:oid:1.2.826.0.1.3680043.2.1143', value: 'ID,"7"' });
    expect(identifier({ name: null, universalEntityId: 'http://hospital.example.net/mrn', universalEntityIdType: 'URI' })?.system).toBe('http://hospital.example.net/mrn');
    expect(identifier({ name: 'HOSP', universalEntityId: 'not an oid', universalEntityIdType: 'ISO' })).toMatchObject({ system: SYSTEMS.dicomPatientId, assigner: { display: 'HOSP' } });
    expect(identifier(null)).toEqual({ use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] }, system: SYSTEMS.dicomPatientId, value: 'ID,"7"' });
  });

  it('reports with the PDF as presentedForm and refers with the priority of the highest urgency', () => {
    const report = DiagnosticReportSchema.parse(resources('DiagnosticReport')[0]!.resource);
    expect(report.status).toBe('preliminary');
    expect(report.code.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '18748-4' });
    expect(Buffer.from(report.presentedForm![0]!.data!, 'base64')).toEqual(Buffer.from(PDF));
    expect(report.presentedForm![0]!.contentType).toBe('application/pdf');
    // Every lesion's finding and scores; the request's reasons are those of the two flagged lesions
    // (the humerus, its axial involvement recorded, is routine at worst too).
    expect(report.result).toHaveLength(3 + 8);
    const request = ServiceRequestSchema.parse(resources('ServiceRequest')[0]!.resource);
    expect(request).toMatchObject({ status: 'draft', intent: 'proposal', priority: 'stat' });
    expect(request.reasonReference).toHaveLength(2 + 6);
  });

  it('maps urgency to request priority without inverting their order', () => {
    const fhirOrder = ['routine', 'urgent', 'asap', 'stat'];
    const ours = ['routine', 'surgical-opinion', 'urgent', 'emergency'] as const;
    const ranks = ours.map((level) => fhirOrder.indexOf(REQUEST_PRIORITY[level]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(REQUEST_PRIORITY.emergency).toBe('stat');
  });

  it('codes every component the scores can produce', () => {
    const lesions = [
      ...FIXTURE_LESIONS,
      makeLesion({ regionId: 'femur-intertrochanteric', lesionWidthMm: typed(10), boneDiameterMm: typed(30), clinical: { lesserTrochanterAvulsion: true } }),
      makeSpineLesion('L5', { spine: { alignment: 'normal', collapse: 'under-50', posterolateralInvolvement: 'none', esccGrade: '1a' } }),
    ];
    for (const lesion of lesions) {
      for (const result of scoreResults(scoreLesion(lesion))) for (const c of result.components) expect(COMPONENT_CODES[`${result.score}.${c.id}`], `${result.score}.${c.id}`).toBeDefined();
    }
  });

  it('refers at the priority of the worst its lesions could be: an emergency left open by missing inputs is never understated', () => {
    // L3 with nothing recorded but its nature: no rule met yet, but cord compression or a new
    // deficit, not recorded, would make it an emergency; beside the urgent femur.
    const open = makeSpineLesion('L3', { studyInstanceUid: STUDY_UID, seriesInstanceUid: SERIES_UID, reader: 'AB', status: 'final', nature: 'blastic' });
    const { urgency } = scoreLesion(open);
    expect([urgency.level, urgency.worstCase]).toEqual(['routine', 'emergency']);
    const referral = buildReferralBundle(fixtureSource([FIXTURE_LESIONS[0]!, open]), { pdf: PDF });
    const request = ServiceRequestSchema.parse(referral.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource);
    expect(request.priority).toBe('stat');
    expect(request.note?.[0]?.text).toMatch(/^Urgency urgent to emergency, depending on .*ESCC grade.*new neurological deficit/);
    // The L3's scores are among the reasons, beside the femur's.
    const reasons = new Set(request.reasonReference!.map((r) => r.reference));
    const reasonScores = referral.entry.filter((e) => reasons.has(e.fullUrl)).map((e) => ObservationSchema.parse(e.resource).code.coding?.[0]?.code);
    expect(reasonScores).toEqual(expect.arrayContaining(['mirels', 'sins']));
    const report = DiagnosticReportSchema.parse(referral.entry.find((e) => e.resource.resourceType === 'DiagnosticReport')!.resource);
    expect(report.conclusion).toMatch(/^Highest urgency: urgent to emergency, depending on /);

    // Alone, it is still referred (not "nothing to refer"), as what could be an emergency.
    const alone = buildReferralBundle(fixtureSource([open]), { pdf: PDF });
    expect(ServiceRequestSchema.parse(alone.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource).priority).toBe('stat');
  });

  it('leaves the ServiceRequest out when every lesion is routine, and refuses an empty referral', () => {
    // The humerus with its axial involvement recorded: routine, and no missing input could raise it.
    const surelyRoutine = { ...FIXTURE_LESIONS[2]!, axialInvolvementMm: typed(5) };
    expect(scoreLesion(surelyRoutine).urgency).toMatchObject({ level: 'routine', worstCase: 'routine' });
    const routineOnly = fixtureSource([surelyRoutine]);
    expect(() => buildReferralBundle(routineOnly, { pdf: PDF })).toThrow(/nothing to refer.*--all/);
    const all = buildReferralBundle(routineOnly, { pdf: PDF, includeAll: true });
    expect(all.entry.some((e) => e.resource.resourceType === 'ServiceRequest')).toBe(false);
    expect(all.entry.some((e) => e.resource.resourceType === 'DiagnosticReport')).toBe(true);
  });

  it('writes the bundle as JSON that validates again when read back', () => {
    const file = writeFhirBundle(fixtureSource(), folder, { pdf: PDF });
    expect(path.basename(file)).toBe(FHIR_BUNDLE_FILE);
    expect(validateCollectionBundle(JSON.parse(fs.readFileSync(file, 'utf8')))).toEqual(bundle);
  });
});

describe('validation refuses what R4 does not allow', () => {
  const mutate = (change: (b: CollectionBundle) => void) => {
    const copy = structuredClone(bundle);
    change(copy);
    return () => validateCollectionBundle(copy);
  };
  const find = (b: CollectionBundle, type: string) => b.entry.find((e) => e.resource.resourceType === type)!.resource as Record<string, unknown>;

  it.each([
    ['an Observation without status', (b: CollectionBundle) => delete find(b, 'Observation').status, /status/],
    ['a priority outside request-priority', (b: CollectionBundle) => (find(b, 'ServiceRequest').priority = 'high'), /priority/],
    ['a ServiceRequest without subject', (b: CollectionBundle) => delete find(b, 'ServiceRequest').subject, /subject/],
    ['a value and a dataAbsentReason together', (b: CollectionBundle) => (find(b, 'Observation').dataAbsentReason = { text: 'x' }), /obs-6/],
    ['a misspelt element', (b: CollectionBundle) => (find(b, 'Patient').birthdate = '1962-07-04'), /birthdate|Unrecognized/i],
    ['a dateTime with a time but no zone', (b: CollectionBundle) => (find(b, 'Observation').effectiveDateTime = '2026-01-02T10:00:00'), /dateTime/],
    ['a PDF without a contentType', (b: CollectionBundle) => delete (find(b, 'DiagnosticReport').presentedForm as Record<string, unknown>[])[0]!.contentType, /contentType/],
    ['an empty instance UID', (b: CollectionBundle) => ((find(b, 'ImagingStudy').series as { uid: string }[])[0]!.uid = ''), /id/],
    ['a duplicate fullUrl', (b: CollectionBundle) => (b.entry[1]!.fullUrl = b.entry[0]!.fullUrl), /bdl-7/],
    ['a reference to nothing in the bundle', (b: CollectionBundle) => ((find(b, 'DiagnosticReport').imagingStudy as { reference: string }[])[0]!.reference = 'urn:uuid:00000000-0000-5000-8000-000000000000'), /not in the bundle/],
    ['a subject pointing at a Practitioner', (b: CollectionBundle) => ((find(b, 'ServiceRequest').subject as { reference: string }).reference = b.entry.find((e) => e.resource.resourceType === 'Practitioner')!.fullUrl), /Practitioner/],
  ])('refuses %s', (_name, change, message) => {
    const run = mutate(change);
    expect(run).toThrow(AppError);
    expect(run).toThrow(message);
  });

  it('refuses to embed something that is not a PDF', () => {
    expect(() => buildReferralBundle(fixtureSource(), { pdf: new Uint8Array([1, 2, 3]) })).toThrow(/not a PDF/);
  });
});

describe('a referral packet of several megabytes (key images of many lesions) embedded in the bundle', () => {
  // The R4 base64Binary pattern run as a backtracking regular expression overflowed V8's stack
  // from about 1.5 MB of PDF: the FHIR export of a study with many key images failed with
  // "Maximum call stack size exceeded".
  it('embeds an 8 MB PDF and reads it back byte for byte', () => {
    const big = new Uint8Array(8 * 1024 * 1024);
    big.set(PDF);
    for (let i = PDF.length; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const report = buildReferralBundle(fixtureSource(), { pdf: big }).entry.find((e) => e.resource.resourceType === 'DiagnosticReport')!.resource;
    const data = (report as { presentedForm: { data: string }[] }).presentedForm[0]!.data;
    expect(Buffer.from(data, 'base64').equals(Buffer.from(big))).toBe(true);
  });

  it.each([
    ['QUJD', true],
    ['QUJDRA==', true],
    ['QUJD RA==\n', true],
    ['', false],
    ['QUJ', false],
    ['QU JD', false],
    ['QUJD!A==', false],
  ])('the base64Binary pattern of R4 reads %j as %s', (text, valid) => {
    expect(FhirBase64Schema.safeParse(text).success).toBe(valid);
  });
});

