import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/db/migrations';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/db/open-database';
import { listAnnotations } from '../../../electron/core/lesions/annotation-store';
import { checkAuditChain } from '../../../electron/core/lesions/audit-chain';
import { auditTrail } from '../../../electron/core/lesions/audit-log';
import { deleteLesion, listLesions } from '../../../electron/core/lesions/lesion-store';
import { outboxStatus } from '../../../electron/core/pacs/publication-outbox';
import { enqueueForNewPacs } from '../../../electron/core/pacs/publication-triggers';
import { worklist } from '../../../electron/core/worklist/worklist-query';
import { currentReader } from '../../../electron/core/lesions/reader-settings';
import { importDisplayNames } from '../../../electron/core/files/upload-batch';
import { listImportRuns } from '../../../electron/core/index/import-runs';
import { getStudy } from '../../../electron/core/index/study-queries';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { lesionReviews } from '../../../electron/core/worklist/review-store';
import { pacsSettings, pacsTarget } from '../../../electron/core/settings/pacs-settings-store';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';
import { LESION_SCHEMA_VERSION } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { refreshLesionSummaries, staleWorklistRows } from '../../../electron/core/lesions/lesion-rows';

// A database from every released schema version (committed fixtures, never regenerated) opens
// in this version, upgraded, with every row it held intact and readable through the stores.
const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/databases');
const released = fs.readdirSync(FIXTURES).map((f) => Number(/^schema-v(\d+)\.sqlite$/.exec(f)?.[1])).filter(Boolean).sort((a, b) => a - b);
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true });
});

describe('databases of every released schema version', () => {
  it('include one per schema version up to the newest', () => {
    expect(released).toEqual(migrations.map((m) => m.version));
  });

  it.each(released)('schema v%i upgrades with its data intact', (version) => {
    const dataDir = temporaryFolder(`schema-v${version}`);
    folders.push(dataDir);
    fs.copyFileSync(path.join(FIXTURES, `schema-v${version}.sqlite`), path.join(dataDir, DATABASE_FILE));
    const db = openDatabase(dataDir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      if (version >= 2) {
        // Migration 15: a lesion stored before has a revision, its audited changes (one create here); one stored at a revision keeps it.
        expect(db.prepare("SELECT revision FROM lesions WHERE id = 'f1000000-0000-4000-8000-000000000001'").pluck().get()).toBe(version >= 15 ? 3 : 1);
      }
      if (version >= 11) {
        // Giving lesions their revision changed no record: their worklist rows stay (the trigger that drops them ignores the revision).
        const fixture = new Database(path.join(FIXTURES, `schema-v${version}.sqlite`), { readonly: true });
        const rows = (d: Database.Database) => d.prepare('SELECT lesion_id, revision FROM lesion_worklist ORDER BY lesion_id').all();
        expect(rows(db)).toEqual(rows(fixture));
        fixture.close();
      }
      const study = getStudy(db, '1.2.826.0.1.1');
      expect(study.study).toMatchObject({ patientName: 'DOE^JANE', studyDate: '2025-11-02', accessionNumber: 'ACC-9', instanceCount: 1 });
      expect(study.series[0]).toMatchObject({ modality: 'CT', seriesNumber: 3, thumbnailInstanceId: 1 });
      expect(studyInstances(db, '1.2.826.0.1.1')[0]!.measurementSpacing).toEqual({ spacing: [0.7, 0.7], plane: 'patient' });
      if (version >= 13) expect(studyInstances(db, '1.2.826.0.1.2')[0]!.measurementSpacing).toEqual({ spacing: [0.125, 0.125], plane: 'magnification-corrected' });
      expect(db.prepare("SELECT reason FROM scanned_files WHERE path = '/data/ct/README.txt'").pluck().get()).toBe('text document, not DICOM');
      // Its import history reads, the files of its report named as they were never stored.
      expect(listImportRuns(db, 5, importDisplayNames(dataDir))).toMatchObject([
        { sources: [{ path: '/data/ct', displayName: '/data/ct' }], report: { indexed: 1, reported: [{ path: '/data/ct/README.txt', displayName: '/data/ct/README.txt', reason: 'text document, not DICOM' }] } },
      ]);
      if (version >= 2) {
        const [lesion] = listLesions(db);
        expect(lesion).toMatchObject({ trackingUid: '2.25.424242', boneId: 'femur', circumferentialInvolvementPct: { value: 60 } });
        const [first] = listAnnotations(db, '1.2.826.0.1.1');
        expect(first!.points).toEqual([[-80.5, 10.25, 0], [-60.5, 10.25, 0]]);
        // Stored as v1 before v6: read as the current version, on its source image.
        expect(first).toMatchObject({ schemaVersion: 2, sopInstanceUid: '1.2.826.0.1.1.1.1', frameNumber: 1, viewPlaneNormal: null, viewUp: null });
        const trail = auditTrail(db, lesion!.id);
        expect(trail.map((e) => `${e.entity}:${e.action}`)).toEqual(version >= 7 ? ['lesion:create', 'review:create', 'review:create'] : version >= 3 ? ['lesion:create', 'review:create'] : ['lesion:create']);
        // Rows written before version 7 never recorded where they came from; from 7 on they do.
        expect(trail.map((e) => [e.osAccount, e.workstation])).toEqual(
          version >= 7 ? [['anna', 'RAD-WS-01'], ['carl', 'RAD-WS-01'], ['gus', 'RAD-WS-01']] : trail.map(() => [null, null]),
        );
        // Every log, whichever version wrote it, chains once upgraded: the rows it had, in their order.
        expect(checkAuditChain(db)).toEqual({ intact: true, rows: version >= 11 ? 7 : version >= 10 ? 6 : version >= 8 ? 5 : version >= 7 ? 4 : version >= 3 ? 2 : 1 });
        // Readers named before roles existed read back as radiologists.
        expect(currentReader(db)).toEqual({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
      }
      if (version >= 3) {
        // Reviews saved before roles were kept read with none; from version 7 a role is kept.
        const reviews = lesionReviews(db, 'f1000000-0000-4000-8000-000000000001').map((r) => [r.decision, r.reviewer, r.reviewerRole]);
        expect(reviews).toEqual([...(version >= 7 ? [['stabilisation-decompression', 'GH', 'neurosurgeon']] : []), ['prophylactic-fixation', 'CD', null]]);
      }
      if (version >= 4) {
        expect(db.prepare('SELECT pseudonym, date_shift_days FROM pseudonym_patients').get()).toEqual({ pseudonym: 'BONEMET-0001', date_shift_days: -400 });
        expect(db.prepare('SELECT pseudonym_uid FROM export_uid_map WHERE export_id = 1').pluck().get()).toBe('2.25.1234567890123456789');
      }
      if (version >= 5) {
        const trustedCertificate = version >= 9 ? expect.objectContaining({ subject: 'CN=pacs.example.org', fingerprint256: expect.stringMatching(/^12:19:78:5F/) }) : null;
        // From version 10 the PACS has a sync interval: 30 s for one saved before.
        expect(pacsSettings(db)).toEqual({ url: 'https://pacs.example.org/dicom-web', authScheme: 'Bearer', trustedCertificate, updatedAt: '2025-11-05T08:00:00.000Z', syncIntervalSeconds: version >= 10 ? 15 : 30 });
        expect(pacsTarget(db)?.authorization).toBe('Bearer fixture-token');
      }
      if (version >= 2) {
        // Links are derived from the lesions' measured values: the cited drawing stays linked.
        expect(listAnnotations(db, '1.2.826.0.1.1')[0]).toMatchObject({ id: 'a1000000-0000-4000-8000-000000000001', lesionId: 'f1000000-0000-4000-8000-000000000001' });
        expect(db.prepare("SELECT lesion_id FROM annotations WHERE id = 'a1000000-0000-4000-8000-000000000001'").pluck().get()).toBe('f1000000-0000-4000-8000-000000000001');
      }
      if (version >= 6) {
        // A drawing linked though no measured value cites it stays linked: it is attached to the lesion's record.
        const plane = listAnnotations(db, '1.2.826.0.1.1')[1];
        expect(plane).toMatchObject({ sopInstanceUid: null, frameNumber: null, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], measurements: { length: 40 }, lesionId: 'f1000000-0000-4000-8000-000000000001' });
        expect(listLesions(db)[0]!.attachedAnnotationIds).toEqual([plane!.id]);
      }
      if (version >= 8) {
        const [, humerus] = listLesions(db);
        // Stored as form 2: read as the current form, with no bone analysis.
        expect(humerus).toMatchObject({ schemaVersion: LESION_SCHEMA_VERSION, boneAnalysis: null, mirelsSizeDefinition: 'circumferential-fraction', lesionWidthMm: { value: 12 } });
        expect(listAnnotations(db, '1.2.826.0.1.1')[2]).toMatchObject({ id: 'a1000000-0000-4000-8000-000000000003', lesionId: humerus!.id });
      }
      if (version >= 9) {
        expect(db.prepare('SELECT study_uid, bytes, last_opened_at FROM pacs_cache_studies').all()).toEqual([{ study_uid: '1.2.826.0.1.1', bytes: 524288, last_opened_at: '2025-11-09T09:00:00.000Z' }]);
        expect(db.prepare('SELECT limit_bytes FROM pacs_cache_settings').pluck().get()).toBe(5 * 2 ** 30);
      }
      if (version >= 10) {
        // A publication waiting with its reason, and a lesion received from another workstation, read-only here.
        expect(outboxStatus(db)).toMatchObject({ waiting: 1, reason: { kind: 'unreachable' }, syncIntervalSeconds: 15, items: [{ kind: 'findings', reader: 'AB', attempts: 2 }] });
        const received = worklist(db, { urgencies: ['emergency', 'urgent', 'surgical-opinion', 'routine'] }, null).rows.find((r) => r.reader === 'EF');
        expect(received).toMatchObject({ fromOtherWorkstation: true, readerName: 'Eva Fors', origin: { workstation: 'RAD-WS-02', version: 3 } });
        expect(() => deleteLesion(db, received!.lesionId, 'EF')).toThrow(/received from workstation RAD-WS-02/);
        // A publication of before is a change made here; the series seen on the PACS set count as looked at there.
        expect(outboxStatus(db).items[0]!.purpose).toBe('change');
        const looked = version >= 12 ? ['2.25.1200', 1] : ['2.25.3000', 1];
        expect(db.prepare('SELECT url, series_uid, instances FROM pacs_series_looked').raw().all()).toEqual([['https://pacs.example.org/dicom-web', ...looked]]);
      }
      if (version >= 12) {
        // Set to another PACS, the version published to the old one is queued for it, under its own SOP Instance UID.
        enqueueForNewPacs(db, 'https://other-pacs.example.org/dicom-web');
        expect(outboxStatus(db).items.map((i) => [i.purpose, i.version, i.sopInstanceUid])).toEqual([['change', null, null], ['new-pacs', 1, '2.25.1201']]);
      }
      if (version >= 2) {
        // Every lesion shows its urgency under the current rules, scored from its record whatever
        // an earlier version stored (before version 11 nothing; in the fixture of 11, an understated
        // one under older rules), until the app's start stores it.
        const scored = new Map(listLesions(db).map((l) => [l.id, scoreLesion(l).urgency]));
        const shown = () => new Map(worklist(db, { urgencies: ['emergency', 'urgent', 'surgical-opinion', 'routine'] }, null).rows.map((r) => [r.lesionId, r.urgency]));
        expect(shown()).toEqual(scored);
        expect(staleWorklistRows(db)).toBe(scored.size);
        expect(refreshLesionSummaries(db)).toBe(scored.size);
        expect(staleWorklistRows(db)).toBe(0);
        expect(shown()).toEqual(scored);
        if (version >= 11) expect(scored.get('f1000000-0000-4000-8000-000000000004')).toMatchObject({ level: 'urgent', reasons: expect.arrayContaining([expect.stringMatching(/^axial cortical involvement 35 mm > 30 mm/)]) });
      }
      if (version >= 7) {
        expect(auditTrail(db, 'AB')).toEqual([
          expect.objectContaining({ entity: 'reader', action: 'update', reader: 'AB', osAccount: 'anna', before: { initials: 'GH', name: 'Gus Hale', role: 'neurosurgeon' }, after: { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } }),
        ]);
      }
      if (version < migrations.at(-1)!.version) expect(fs.existsSync(path.join(dataDir, `bonemet.backup-v${version}.sqlite`))).toBe(true);
    } finally {
      db.close();
    }
  });
});
