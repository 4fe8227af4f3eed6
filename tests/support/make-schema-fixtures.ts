// Writes tests/fixtures/databases/schema-v<N>.sqlite: a small database at each released schema
// version, with data in every table. Run it once when a schema version is released
// (`npx tsx tests/support/make-schema-fixtures.ts <N>`); the files are committed and never
// regenerated, so that the migration test upgrades what real users have on disk.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { appendAudit } from '../../electron/core/lesions/audit-log';
import { REPO_ROOT } from './paths';

const version = Number(process.argv[2]);
if (!migrations.some((m) => m.version === version)) throw new Error(`no schema version ${process.argv[2]}`);
const file = path.join(REPO_ROOT, 'tests/fixtures/databases', `schema-v${version}.sqlite`);
if (fs.existsSync(file)) throw new Error(`${file} exists: released fixtures are never rewritten`);
const db = new Database(file);
migrate(db, migrations.filter((m) => m.version <= version), null);

/** An audit row as each version wrote it: from version 7 chained, with the OS account and workstation. */
function audit(row: { at: string; reader: string; entity: 'lesion' | 'review' | 'reader'; entityId: string; action: 'create' | 'update'; before: unknown; after: unknown }, osAccount = 'anna'): void {
  if (version >= 7) return appendAudit(db, row, { osAccount, workstation: 'RAD-WS-01' });
  db.prepare('INSERT INTO audit_log (at, reader, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.at, row.reader, row.entity, row.entityId, row.action, row.before === null ? null : JSON.stringify(row.before), JSON.stringify(row.after),
  );
}
db.exec(`
  INSERT INTO patients (id, patient_key, patient_id, patient_name, birth_date, sex) VALUES (1, 'P-001' || char(0) || 'DOE^JANE', 'P-001', 'DOE^JANE', '1950-02-03', 'F');
  INSERT INTO studies (id, study_uid, patient_ref, study_date, study_time, accession_number, description) VALUES (1, '1.2.826.0.1.1', 1, '2025-11-02', '101500', 'ACC-9', 'CT thighs');
  INSERT INTO series (id, series_uid, study_ref, modality, series_number, description, body_part, frame_of_reference_uid) VALUES (1, '1.2.826.0.1.1.1', 1, 'CT', 3, 'Axial bone', 'THIGH', '1.2.826.0.1.1.9');
  INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, transfer_syntax_uid, instance_number, rows, columns, frames, pixel_spacing, slice_thickness, image_position, image_orientation, has_pixel_data, file_path, file_size, file_mtime_ms)
    VALUES ('1.2.826.0.1.1.1.1', 1, '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', 1, 512, 512, 1, '[0.7,0.7]', 1.25, '[-179.2,-179.2,0]', '[1,0,0,0,1,0]', 1, '/data/ct/IM1.dcm', 524288, 1762000000000);
  INSERT INTO scanned_files (path, size, mtime_ms, outcome, reason, sop_instance_uid) VALUES ('/data/ct/README.txt', 120, 1762000000000, 'reported', 'text document, not DICOM', NULL);
  INSERT INTO import_runs (started_at, sources, report) VALUES ('2025-11-02T10:20:00.000Z', '["/data/ct"]', '{"filesSeen":2,"indexed":1,"unchanged":0,"duplicates":0,"dicomdirs":0,"reported":[{"path":"/data/ct/README.txt","reason":"text document, not DICOM"}],"patients":1,"studies":1,"series":1,"instances":1,"seconds":0.1}');
`);
if (version >= 2) {
  const lesion = { schemaVersion: 1, id: 'f1000000-0000-4000-8000-000000000001', trackingUid: '2.25.424242', studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', boneId: 'femur', regionId: 'femur-diaphysis', laterality: 'left', nature: 'lytic', largestDimensionMm: { value: 41, provenance: { source: 'typed' } }, lesionWidthMm: null, boneDiameterMm: null, corticalThicknessMm: null, circumferentialInvolvementPct: { value: 60, provenance: { source: 'annotation', annotationId: 'a1000000-0000-4000-8000-000000000001' } }, axialInvolvementMm: { value: 40, provenance: { source: 'typed' } }, corticalBreach: true, pathologicalFracture: false, softTissueExtension: null, epiduralExtension: null, clinical: { mirelsPain: 'moderate', sinsPain: null, newNeurologicalDeficit: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: null }, spine: { alignment: null, collapse: null, collapsePct: null, posterolateralInvolvement: null, esccGrade: null }, note: 'fixture', status: 'final', reader: 'AB', createdAt: '2025-11-02T10:30:00.000Z', updatedAt: '2025-11-02T10:31:00.000Z' };
  const annotation = { schemaVersion: 1, id: 'a1000000-0000-4000-8000-000000000001', lesionId: lesion.id, studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', sopInstanceUid: '1.2.826.0.1.1.1.1', frameNumber: 1, frameOfReferenceUid: '1.2.826.0.1.1.9', tool: 'Length', points: [[-80.5, 10.25, 0], [-60.5, 10.25, 0]], text: null, measurements: { lengthMm: 20 }, reader: 'AB', createdAt: '2025-11-02T10:29:00.000Z', updatedAt: '2025-11-02T10:29:00.000Z' };
  db.prepare('INSERT INTO readers (initials, name, created_at) VALUES (?, ?, ?)').run('AB', 'Anna Berg', '2025-11-02T10:00:00.000Z');
  db.prepare("INSERT INTO settings (key, value) VALUES ('current_reader', ?)").run(JSON.stringify({ initials: 'AB', name: 'Anna Berg' }));
  // From version 8 a lesion record lists its attached drawings (here the reformat Length of version 6).
  const stored = version >= 8 ? { ...lesion, attachedAnnotationIds: ['a1000000-0000-4000-8000-000000000002'] } : lesion;
  db.prepare('INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(lesion.id, lesion.trackingUid, lesion.studyInstanceUid, lesion.seriesInstanceUid, 'AB', 'final', 'urgent', JSON.stringify(stored), lesion.createdAt, lesion.updatedAt);
  db.prepare('INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(annotation.id, lesion.id, annotation.studyInstanceUid, annotation.seriesInstanceUid, annotation.sopInstanceUid, 'AB', JSON.stringify(annotation), annotation.updatedAt);
  audit({ at: lesion.createdAt, reader: 'AB', entity: 'lesion', entityId: lesion.id, action: 'create', before: null, after: lesion });
}
if (version >= 3) {
  const review = { id: 'c1000000-0000-4000-8000-000000000001', lesionId: 'f1000000-0000-4000-8000-000000000001', decision: 'prophylactic-fixation', comment: 'fixture review', reviewer: 'CD', createdAt: '2025-11-03T08:00:00.000Z' };
  db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES (?, ?, ?, ?, ?)').run(review.id, review.lesionId, 'CD', JSON.stringify(review), review.createdAt);
  audit({ at: review.createdAt, reader: 'CD', entity: 'review', entityId: review.lesionId, action: 'create', before: null, after: review }, 'carl');
}
if (version >= 4) {
  db.prepare('INSERT INTO pseudonym_patients (patient_key, pseudonym, date_shift_days, created_at) VALUES (?, ?, ?, ?)').run('P-001' + String.fromCharCode(0) + 'DOE^JANE', 'BONEMET-0001', -400, '2025-11-04T09:00:00.000Z');
  db.prepare("INSERT INTO export_runs (id, kind, started_at, finished_at, outcome, out_dir, options) VALUES (1, 'research-dataset', '2025-11-04T09:00:00.000Z', '2025-11-04T09:01:00.000Z', 'complete', '/data/exports/ds1', '{\"dateShift\":true,\"nifti\":false}')").run();
  db.prepare('INSERT INTO export_uid_map (export_id, original_uid, pseudonym_uid) VALUES (1, ?, ?)').run('1.2.826.0.1.1', '2.25.1234567890123456789');
}
if (version >= 5) {
  db.prepare("INSERT INTO pacs_server (id, url, auth_header, updated_at) VALUES (1, 'https://pacs.example.org/dicom-web', 'Bearer fixture-token', '2025-11-05T08:00:00.000Z')").run();
}
if (version >= 6) {
  // A Length drawn on a sagittal reformat: on a plane of the volume, no source image.
  // Linked to the lesion although no measured value cites it (from version 8 the lesion's record lists it as attached).
  const plane = { schemaVersion: 2, id: 'a1000000-0000-4000-8000-000000000002', lesionId: 'f1000000-0000-4000-8000-000000000001', studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', sopInstanceUid: null, frameNumber: null, frameOfReferenceUid: '1.2.826.0.1.1.9', viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], tool: 'Length', points: [[-70, 10.25, -20], [-70, 10.25, 20]], text: null, measurements: { length: 40 }, reader: 'AB', createdAt: '2025-11-06T10:00:00.000Z', updatedAt: '2025-11-06T10:00:00.000Z' };
  db.prepare('INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)').run(plane.id, plane.lesionId, plane.studyInstanceUid, plane.seriesInstanceUid, 'AB', JSON.stringify(plane), plane.updatedAt);
}
if (version >= 7) {
  // A neurosurgeon's decision, its role kept; then AB signs in again, audited like every change.
  const gh = { initials: 'GH', name: 'Gus Hale', role: 'neurosurgeon' };
  const review = { id: 'c1000000-0000-4000-8000-000000000002', lesionId: 'f1000000-0000-4000-8000-000000000001', decision: 'stabilisation-decompression', comment: 'fixture review v7', reviewer: 'GH', reviewerRole: 'neurosurgeon', createdAt: '2025-11-07T08:00:00.000Z' };
  db.prepare('INSERT INTO readers (initials, name, created_at) VALUES (?, ?, ?)').run(gh.initials, gh.name, '2025-11-07T07:59:00.000Z');
  db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES (?, ?, ?, ?, ?)').run(review.id, review.lesionId, 'GH', JSON.stringify(review), review.createdAt);
  audit({ at: review.createdAt, reader: 'GH', entity: 'review', entityId: review.lesionId, action: 'create', before: null, after: review }, 'gus');
  audit({ at: '2025-11-07T09:00:00.000Z', reader: 'AB', entity: 'reader', entityId: 'AB', action: 'update', before: gh, after: { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } });
}
if (version >= 8) {
  // Lesion form 2 (the Mirels size definition is the reader's choice), its drawing linked by citation.
  const lesion = { schemaVersion: 2, id: 'f1000000-0000-4000-8000-000000000002', trackingUid: '2.25.424243', studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', boneId: 'humerus', regionId: 'humerus-diaphysis', laterality: 'right', nature: 'mixed', largestDimensionMm: null, lesionWidthMm: { value: 12, provenance: { source: 'annotation', annotationId: 'a1000000-0000-4000-8000-000000000003' } }, boneDiameterMm: { value: 24, provenance: { source: 'typed' } }, corticalThicknessMm: null, mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: { value: 55, provenance: { source: 'typed' } }, axialInvolvementMm: null, corticalBreach: null, pathologicalFracture: null, softTissueExtension: null, epiduralExtension: null, clinical: { mirelsPain: null, sinsPain: null, newNeurologicalDeficit: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: null }, spine: { alignment: null, collapse: null, collapsePct: null, posterolateralInvolvement: null, esccGrade: null }, attachedAnnotationIds: [], note: 'fixture v8', status: 'draft', reader: 'AB', createdAt: '2025-11-08T10:00:00.000Z', updatedAt: '2025-11-08T10:00:00.000Z' };
  const annotation = { schemaVersion: 2, id: 'a1000000-0000-4000-8000-000000000003', lesionId: lesion.id, studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', sopInstanceUid: '1.2.826.0.1.1.1.1', frameNumber: 1, frameOfReferenceUid: '1.2.826.0.1.1.9', viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[-90, 0, 0], [-78, 0, 0]], text: null, measurements: { length: 12 }, reader: 'AB', createdAt: '2025-11-08T09:59:00.000Z', updatedAt: '2025-11-08T09:59:00.000Z' };
  db.prepare('INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(lesion.id, lesion.trackingUid, lesion.studyInstanceUid, lesion.seriesInstanceUid, 'AB', 'draft', 'urgent', JSON.stringify(lesion), lesion.createdAt, lesion.updatedAt);
  db.prepare('INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(annotation.id, lesion.id, annotation.studyInstanceUid, annotation.seriesInstanceUid, annotation.sopInstanceUid, 'AB', JSON.stringify(annotation), annotation.updatedAt);
  audit({ at: lesion.createdAt, reader: 'AB', entity: 'lesion', entityId: lesion.id, action: 'create', before: null, after: lesion });
}
if (version >= 9) {
  // A study retrieved from the PACS into the cache, the cache's limit, and a certificate trusted for the saved URL.
  db.prepare("INSERT INTO pacs_cache_studies (study_uid, source_url, bytes, retrieved_at, last_opened_at) VALUES ('1.2.826.0.1.1', 'https://pacs.example.org/dicom-web', 524288, '2025-11-09T08:00:00.000Z', '2025-11-09T09:00:00.000Z')").run();
  db.prepare('INSERT INTO pacs_cache_settings (id, limit_bytes) VALUES (1, ?)').run(5 * 2 ** 30);
  const pem = '-----BEGIN CERTIFICATE-----\nMIIDGTCCAgGgAwIBAgIUXbMxM1h+ytvAoGn257OqF87nM9MwDQYJKoZIhvcNAQEL\nBQAwGzEZMBcGA1UEAwwQcGFjcy5leGFtcGxlLm9yZzAgFw0yNjEyMDYwMjU1MzJa\nGA8yMTI2MTExMjAyNTUzMlowGzEZMBcGA1UEAwwQcGFjcy5leGFtcGxlLm9yZzCC\nASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAOUjBr6izCqM3Es4qaiWHlX7\neffdSV+1taAfKyploek+JsB3ywciKNDrPrOvH+o+An7WYioIEhyNrufpFGgOe/wo\nPCHjRJi0kDs8xQcVFcreH/Po8AY3/Unwrf4Y+XgqTr1kOXH8SjPUWPDX7iFHLczC\nCsiSbK0PtI1BhYBnzF1o89HpXJCEv03HY/wGqQYVjF95n85iV8JJ+VqwrYvumlbT\nNp8b4l6vw67wlmZ3dhMlTA0KOvPeazbavthxuQXzi3QmbyobXYFHWmgXsFGdydrt\nX1xCvMEddHzBo9u/PMFtIrybk3TyLFxmCb8+6Sc4iQIxg9C3gUrZxlFlxeUi65EC\nAwEAAaNTMFEwHQYDVR0OBBYEFJ0WZ7FzcemCteRkbQHbSm4t8t/rMB8GA1UdIwQY\nMBaAFJ0WZ7FzcemCteRkbQHbSm4t8t/rMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZI\nhvcNAQELBQADggEBALiNIxxkZjFi1w5N48KVaZyPY9BTst1vi6VHcI/htrZtrUie\ntmXq/B1gsONERe4BxSkW0FmX4wwjJmmnCie9mEYvgpd/D08LLOfiC6RW4mK7e6oK\nFkhFbDfB5B6YDH0KJGaa5/ZZXpv1Fa4D8TjyC7UuciPdMF1VOF3vg5qRNOUEcofA\nq0YOvCfi2z901alPpb6IkhPumcMljMhmG7LxFyRhNE/ZvrFh5gI2Dz3hhrZisSGy\nz3bQIv88cI8Z1iPpXtEHN/6lJvqv0tZuBH8vRlwCzrVij5yge6nxlNAtEyIpM/Hn\nW6lkgr94t009TP+rGDU8LCudo82IpFs/dvP4Niw=\n-----END CERTIFICATE-----';
  db.prepare('UPDATE pacs_server SET trusted_certificate = ? WHERE id = 1').run(pem);
}
if (version >= 10) {
  // The team on one PACS: a sync interval, a publication waiting (the PACS was unreachable), an
  // instance seen, and a lesion of radiologist EF received from workstation RAD-WS-02 (read-only here).
  db.prepare('UPDATE pacs_server SET sync_interval_seconds = 15').run();
  db.prepare("INSERT INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at, attempts, next_attempt_at, problem) VALUES ('findings', '1.2.826.0.1.1', 'AB', '', '2025-11-10T08:00:00.000Z', 2, '2025-11-10T08:00:02.000Z', ?)").run(
    JSON.stringify({ kind: 'unreachable', httpStatus: null, message: 'Sending to the PACS failed: nothing answers at https://pacs.example.org/dicom-web/studies (connection refused).' }),
  );
  const key = 'e1000000-0000-4000-8000-0000000000ws/findings/1.2.826.0.1.1/EF';
  db.prepare("INSERT INTO received_documents (document_key, workstation_id, workstation, study_uid, reader, reader_name, patient_name, patient_id, study_date, version, sop_instance_uid, header, received_at) VALUES (?, 'e1000000-0000-4000-8000-0000000000ws', 'RAD-WS-02', '1.2.826.0.1.1', 'EF', 'Eva Fors', 'DOE^JANE', 'P-001', '2025-11-02', 3, '2.25.3003', '{\"PatientName\":\"DOE^JANE\"}', '2025-11-10T08:05:00.000Z')").run(key);
  db.prepare("INSERT INTO pacs_seen (sop_instance_uid, series_uid, seen_at, outcome) VALUES ('2.25.3003', '2.25.3000', '2025-11-10T08:05:00.000Z', 'received')").run();
  const lesion = { schemaVersion: 2, id: 'f1000000-0000-4000-8000-000000000003', trackingUid: '2.25.424244', studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', boneId: 'femur', regionId: 'femur-neck', laterality: 'right', nature: 'lytic', largestDimensionMm: { value: 35, provenance: { source: 'typed' } }, lesionWidthMm: null, boneDiameterMm: null, corticalThicknessMm: null, mirelsSizeDefinition: 'width-over-diameter', circumferentialInvolvementPct: { value: 60, provenance: { source: 'typed' } }, axialInvolvementMm: null, corticalBreach: null, pathologicalFracture: null, softTissueExtension: null, epiduralExtension: null, clinical: { mirelsPain: null, sinsPain: null, newNeurologicalDeficit: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: null }, spine: { alignment: null, collapse: null, collapsePct: null, posterolateralInvolvement: null, esccGrade: null }, attachedAnnotationIds: [], note: 'fixture v10, received', status: 'final', reader: 'EF', createdAt: '2025-11-09T10:00:00.000Z', updatedAt: '2025-11-09T10:00:00.000Z' };
  db.prepare('INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(lesion.id, lesion.trackingUid, lesion.studyInstanceUid, lesion.seriesInstanceUid, 'EF', 'final', 'urgent', JSON.stringify(lesion), lesion.createdAt, lesion.updatedAt, key);
  audit({ at: '2025-11-10T08:05:00.000Z', reader: 'EF', entity: 'lesion', entityId: lesion.id, action: 'create', before: null, after: lesion });
}
if (version >= 11) {
  // What the worklist reads of each lesion, as version 11 writes it; one row stored under an older
  // rule set with an understated urgency (as a later version finds rows of an earlier one), and the
  // lesions of the earlier versions with none (as an upgrade leaves them until the app starts).
  const lesion = { schemaVersion: 3, id: 'f1000000-0000-4000-8000-000000000004', trackingUid: '2.25.424245', studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', boneId: 'humerus', regionId: 'humerus-diaphysis', laterality: 'left', nature: 'lytic', largestDimensionMm: null, lesionWidthMm: null, boneDiameterMm: null, corticalThicknessMm: null, mirelsSizeDefinition: 'width-over-diameter', circumferentialInvolvementPct: null, axialInvolvementMm: { value: 35, provenance: { source: 'typed' } }, corticalBreach: null, pathologicalFracture: null, softTissueExtension: null, epiduralExtension: null, clinical: { mirelsPain: null, sinsPain: null, newNeurologicalDeficit: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: null }, spine: { alignment: null, collapse: null, collapsePct: null, posterolateralInvolvement: null, esccGrade: null }, attachedAnnotationIds: [], boneAnalysis: null, note: 'fixture v11', status: 'final', reader: 'AB', createdAt: '2025-11-11T10:00:00.000Z', updatedAt: '2025-11-11T10:00:00.000Z' };
  db.prepare('INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(lesion.id, lesion.trackingUid, lesion.studyInstanceUid, lesion.seriesInstanceUid, 'AB', 'final', 'urgent', JSON.stringify(lesion), lesion.createdAt, lesion.updatedAt);
  const { studyInstanceUid, seriesInstanceUid, laterality, reader, status, createdAt, updatedAt, boneId, regionId } = lesion;
  const urgency = { level: 'routine', worstCase: 'routine', dependsOnMissingInputs: false, reasons: [], worstCaseReasons: [], missingInputs: [], ruleSet: 'BoneMet Review referral rules v1', summary: 'routine' };
  const summary = { studyInstanceUid, seriesInstanceUid, laterality, reader, status, createdAt, updatedAt, boneId, regionId, urgency, keyScores: { mirels: 'Mirels 7-11', sins: null, vanDerLinden: 'VdL high risk', escc: null } };
  db.prepare("INSERT INTO lesion_worklist (lesion_id, study_uid, reader, origin, created_at, urgency, worst_case, summary, rule_set) VALUES (?, '1.2.826.0.1.1', 'AB', NULL, ?, 'routine', 'routine', ?, ?)").run(lesion.id, lesion.createdAt, JSON.stringify(summary), 'BoneMet Review referral rules v1 | worklist summary 1');
  audit({ at: lesion.createdAt, reader: 'AB', entity: 'lesion', entityId: lesion.id, action: 'create', before: null, after: lesion });
}
if (version >= 12) {
  // A findings version published to the PACS, its content kept (what a new PACS is sent), and a
  // team series looked at there.
  const snapshot = { kind: 'findings', studyInstanceUid: '1.2.826.0.1.1', reader: { initials: 'AB', name: 'Anna Berg' }, workstation: { id: 'e1000000-0000-4000-8000-0000000000aa', name: 'RAD-WS-01' }, version: 1, instanceNumber: 1, seriesInstanceUid: '2.25.1200', sopInstanceUid: '2.25.1201', at: '2025-11-12T08:00:00.000Z', predecessor: null, lesions: [], annotations: [], withdrawn: [] };
  db.prepare("INSERT INTO pacs_documents (kind, study_uid, reader, record_id, version, instance_number, sop_instance_uid, content_hash, lesions, snapshot, sent_to) VALUES ('findings', '1.2.826.0.1.1', 'AB', '', 1, 1, '2.25.1201', 'fixture', '[]', ?, 'https://pacs.example.org/dicom-web')").run(JSON.stringify(snapshot));
  db.prepare("INSERT OR REPLACE INTO pacs_series_looked (url, series_uid, instances) VALUES ('https://pacs.example.org/dicom-web', '2.25.1200', 1)").run();
}
if (version >= 13) {
  // A radiograph study: a DX whose Pixel Spacing was calibrated from its Imager Pixel Spacing by the magnification.
  db.exec(`
    INSERT INTO studies (id, study_uid, patient_ref, study_date, study_time, accession_number, description) VALUES (2, '1.2.826.0.1.2', 1, '2025-11-13', '090000', 'ACC-13', 'Femur radiograph');
    INSERT INTO series (id, series_uid, study_ref, modality, series_number, description, body_part, frame_of_reference_uid) VALUES (2, '1.2.826.0.1.2.1', 2, 'DX', 1, 'Femur AP', 'FEMUR', NULL);
    INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, transfer_syntax_uid, instance_number, rows, columns, frames, pixel_spacing, imager_pixel_spacing, pixel_spacing_calibration_type, magnification_factor, slice_thickness, image_position, image_orientation, has_pixel_data, file_path, file_size, file_mtime_ms)
      VALUES ('1.2.826.0.1.2.1.1', 2, '1.2.840.10008.5.1.4.1.1.1.1', '1.2.840.10008.1.2.1', 1, 2048, 1536, 1, '[0.125,0.125]', '[0.15,0.15]', 'GEOMETRY', 1.2, NULL, NULL, NULL, 1, '/data/dx/IM1.dcm', 6291456, 1762000000000);
  `);
}
if (version >= 15) {
  // A lesion's revision: the femur lesion stored at revision 3, as two more saves leave it.
  db.prepare("UPDATE lesions SET revision = 3 WHERE id = 'f1000000-0000-4000-8000-000000000001'").run();
}
db.pragma('journal_mode = DELETE');
db.close();
console.log(`wrote ${file}`);
