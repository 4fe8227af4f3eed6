import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/db/open-database';
import type { Migration } from '../../../electron/core/db/migration';
import { CHAIN_START, chainHead, checkAuditChain } from '../../../electron/core/lesions/audit-chain';
import { temporaryFolder } from '../../support/paths';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { createAppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { listLesions } from '../../../electron/core/lesions/lesion-store';
import { refreshLesionSummaries, staleWorklistRows } from '../../../electron/core/lesions/lesion-rows';
import { SUMMARY_RULE_SET } from '../../../electron/core/worklist/lesion-summary';
import { worklist, worklistSource } from '../../../electron/core/worklist/worklist-query';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { makeLesion, typed } from '../../support/lesion-fixtures';

const folders: string[] = [];
const freshFolder = () => {
  const folder = temporaryFolder('db');
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the migration runner', () => {
  it('numbers migrations 1, 2, 3... with no gap, so user_version names one schema', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('opens a new database in WAL mode with foreign keys on and every table STRICT', () => {
    const db = openDatabase(freshFolder());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table.strict, table.name).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const folder = freshFolder();
    const raw = new Database(path.join(folder, DATABASE_FILE));
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(folder)).toThrow(/schema version 999.*newer BoneMet Review/);
    const again = new Database(path.join(folder, DATABASE_FILE));
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });

  it('backs up an existing database before upgrading it, and keeps its data', () => {
    const folder = freshFolder();
    const db = new Database(path.join(folder, DATABASE_FILE));
    const v1: Migration = { version: 1, name: 'notes', up: (d) => d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT') };
    const v2: Migration = { version: 2, name: 'note-author', up: (d) => d.exec("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''") };
    migrate(db, [v1], null);
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('lytic lesion, left femur');
    const backup = path.join(folder, 'backup-v1.sqlite');
    const outcome = migrate(db, [v1, v2], backup);
    expect(outcome).toEqual({ from: 1, to: 2, backupPath: backup });
    expect(db.prepare('SELECT text, author FROM notes').get()).toEqual({ text: 'lytic lesion, left femur', author: '' });
    const saved = new Database(backup, { readonly: true });
    expect(saved.pragma('user_version', { simple: true })).toBe(1);
    expect(saved.prepare('SELECT text FROM notes').pluck().get()).toBe('lytic lesion, left femur');
    saved.close();
    db.close();
  });

  it('rolls back every step of a failed upgrade', () => {
    const folder = freshFolder();
    const db = new Database(path.join(folder, DATABASE_FILE));
    const good: Migration = { version: 1, name: 'a', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') };
    const bad: Migration = { version: 2, name: 'b', up: (d) => d.exec('CREATE TABLE b (x INTEGER) STRICT; SELECT * FROM missing_table') };
    expect(() => migrate(db, [good, bad], null)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 1: the DICOM index', () => {
  // A schema snapshot: a shipped column never changes silently; a change here needs a new migration.
  it('creates the index tables with their columns', () => {
    const db = openDatabase(freshFolder());
    const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).join(',');
    expect(columns('patients')).toBe('id,patient_key,patient_id,patient_name,birth_date,sex');
    expect(columns('studies')).toBe('id,study_uid,patient_ref,study_date,study_time,accession_number,description');
    expect(columns('series')).toBe('id,series_uid,study_ref,modality,series_number,description,body_part,frame_of_reference_uid');
    expect(columns('instances')).toBe(
      'id,sop_instance_uid,series_ref,sop_class_uid,transfer_syntax_uid,instance_number,rows,columns,frames,pixel_spacing,slice_thickness,image_position,image_orientation,has_pixel_data,file_path,file_size,file_mtime_ms,imager_pixel_spacing,pixel_spacing_calibration_type,magnification_factor',
    );
    expect(columns('scanned_files')).toBe('path,size,mtime_ms,outcome,reason,sop_instance_uid');
    expect(columns('import_runs')).toBe('id,started_at,sources,report');
    db.close();
  });

  it('removes a study with its series and instances, and uses the series index to list instances', () => {
    const db = openDatabase(freshFolder());
    db.prepare("INSERT INTO patients (id, patient_key, patient_id, patient_name, sex) VALUES (1, 'k', 'P1', 'DOE^JANE', 'F')").run();
    db.prepare("INSERT INTO studies (id, study_uid, patient_ref, study_time, accession_number, description) VALUES (1, '1.2.3', 1, '', '', '')").run();
    db.prepare("INSERT INTO series (id, series_uid, study_ref, modality, description, body_part) VALUES (1, '1.2.3.4', 1, 'CT', '', '')").run();
    db.prepare("INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, transfer_syntax_uid, has_pixel_data, file_path, file_size, file_mtime_ms) VALUES ('1.2.3.4.5', 1, 'c', 't', 1, '/x', 1, 1)").run();
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT * FROM instances WHERE series_ref = 1').all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX instances_by_series/);
    db.prepare('DELETE FROM studies WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 2: lesions, annotations, readers and the audit log', () => {
  it('upgrades a version-1 index with its data intact, after a backup', () => {
    const folder = freshFolder();
    const v1 = new Database(path.join(folder, DATABASE_FILE));
    migrate(v1, migrations.slice(0, 1), null);
    v1.prepare("INSERT INTO patients (patient_key, patient_id, patient_name, sex) VALUES ('k', 'P1', 'DOE^JANE', 'F')").run();
    v1.close();
    const db = openDatabase(folder);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.prepare('SELECT patient_name FROM patients').pluck().get()).toBe('DOE^JANE');
    expect(fs.existsSync(path.join(folder, 'bonemet.backup-v1.sqlite'))).toBe(true);
    const columns = (table: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).join(',');
    // Migration 10 adds where a record received from another workstation came from (origin).
    expect(columns('lesions')).toBe('id,tracking_uid,study_uid,series_uid,reader,status,urgency,record,created_at,updated_at,origin,revision');
    expect(columns('annotations')).toBe('id,lesion_id,study_uid,series_uid,sop_instance_uid,reader,record,updated_at,origin');
    // Migration 7 adds where each change came from and the hash chain.
    expect(columns('audit_log')).toBe('id,at,reader,entity,entity_id,action,before,after,os_account,workstation,prev_hash,hash');
    expect(columns('readers')).toBe('initials,name,created_at');
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT record FROM lesions WHERE study_uid = '1' AND reader = 'AB'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX lesions_by_study/);
    db.close();
  });
});

describe('migration 3: reviews', () => {
  it('adds the reviews table, indexed by lesion, removed with its lesion', () => {
    const db = openDatabase(freshFolder());
    expect((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('reviews') as string[]).join(',')).toBe('id,lesion_id,reviewer,record,created_at,origin');
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT record FROM reviews WHERE lesion_id = 'x' ORDER BY created_at").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX reviews_by_lesion/);
    db.close();
  });
});

describe('migration 6: annotations on reformat planes', () => {
  it('makes sop_instance_uid nullable, keeping rows, their order, indexes and the lesion foreign key', () => {
    const folder = freshFolder();
    const v5 = new Database(path.join(folder, DATABASE_FILE));
    migrate(v5, migrations.slice(0, 5), null);
    v5.prepare("INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at) VALUES ('L1', '2.25.1', '1.2', '1.2.3', 'AB', 'draft', 'routine', '{}', 'now', 'now')").run();
    const insert = v5.prepare("INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES (?, 'L1', '1.2', '1.2.3', ?, 'AB', '{}', 'now')");
    for (const [id, sop] of [['b', '1.2.3.4'], ['a', '1.2.3.5']]) insert.run(id, sop);
    expect(() => v5.prepare("INSERT INTO annotations (id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES ('c', '1.2', '1.2.3', NULL, 'AB', '{}', 'now')").run()).toThrow(/NOT NULL/);
    v5.close();
    const db = openDatabase(folder);
    expect(db.prepare('SELECT id, sop_instance_uid FROM annotations ORDER BY rowid').all()).toEqual([{ id: 'b', sop_instance_uid: '1.2.3.4' }, { id: 'a', sop_instance_uid: '1.2.3.5' }]);
    db.prepare("INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES ('c', 'L1', '1.2', '1.2.3', NULL, 'AB', '{}', 'now')").run();
    const info = db.prepare("SELECT name, \"notnull\" FROM pragma_table_info('annotations')").all() as { name: string; notnull: number }[];
    expect(info.map((c) => c.name).join(',')).toBe('id,lesion_id,study_uid,series_uid,sop_instance_uid,reader,record,updated_at,origin');
    expect(info.find((c) => c.name === 'sop_instance_uid')!.notnull).toBe(0);
    expect((db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'annotations'").pluck().get())).toBe(1);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT record FROM annotations WHERE study_uid = '1.2'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX annotations_by_study/);
    db.prepare("DELETE FROM lesions WHERE id = 'L1'").run();
    expect(db.prepare('SELECT count(*) FROM annotations WHERE lesion_id IS NULL').pluck().get()).toBe(3);
    expect(() => db.prepare("INSERT INTO annotations (id, lesion_id, study_uid, series_uid, reader, record, updated_at) VALUES ('d', 'nope', '1.2', '1.2.3', 'AB', '{}', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 5: the PACS server', () => {
  it('keeps at most one PACS, with an optional Authorization header', () => {
    const db = openDatabase(freshFolder());
    // Migration 9 adds the trusted certificate after the columns version 5 made.
    expect((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('pacs_server') as string[]).join(',')).toMatch(/^id,url,auth_header,updated_at/);
    db.prepare("INSERT INTO pacs_server (id, url, auth_header, updated_at) VALUES (1, 'http://localhost:8042/dicom-web', NULL, 'now')").run();
    expect(() => db.prepare("INSERT INTO pacs_server (id, url, auth_header, updated_at) VALUES (2, 'http://other/dicom-web', NULL, 'now')").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('migration 7: the audit log as a hash chain, with where each change came from', () => {
  it('chains the rows a version-6 log holds, in order, keeping them, their index and the append-only triggers', () => {
    const folder = freshFolder();
    const v6 = new Database(path.join(folder, DATABASE_FILE));
    migrate(v6, migrations.slice(0, 6), null);
    const insert = v6.prepare("INSERT INTO audit_log (at, reader, entity, entity_id, action, before, after) VALUES (?, ?, 'lesion', ?, ?, ?, ?)");
    insert.run('2026-01-01T10:00:00.000Z', 'AB', 'L1', 'create', null, '{"note":"a"}');
    insert.run('2026-01-01T10:05:00.000Z', 'AB', 'L2', 'create', null, '{"note":"b"}');
    insert.run('2026-01-01T10:09:00.000Z', 'AB', 'L1', 'update', '{"note":"a"}', '{"note":"c"}');
    v6.close();
    const db = openDatabase(folder);
    const rows = db.prepare('SELECT id, reader, entity_id, action, before, after, os_account, workstation, prev_hash, hash FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
    expect(rows.map((r) => [r.id, r.entity_id, r.action, r.before, r.after, r.os_account, r.workstation])).toEqual([
      [1, 'L1', 'create', null, '{"note":"a"}', null, null],
      [2, 'L2', 'create', null, '{"note":"b"}', null, null],
      [3, 'L1', 'update', '{"note":"a"}', '{"note":"c"}', null, null],
    ]);
    expect(rows.map((r) => r.prev_hash)).toEqual([CHAIN_START, rows[0]!.hash, rows[1]!.hash]);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
    expect(chainHead(db)).toEqual({ id: 3, hash: rows[2]!.hash });
    expect(checkAuditChain(db)).toEqual({ intact: true, rows: 3 });
    expect(() => db.prepare("UPDATE audit_log SET reader = 'ZZ' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'audit_log'").pluck().get()).toBe(1);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE entity_id = 'L1' ORDER BY id").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX audit_by_entity/);
    // Sign-ins are audited from now on; the CHECK still refuses what is not an entity.
    expect(() => db.prepare("INSERT INTO audit_log (at, reader, entity, entity_id, action, prev_hash, hash) VALUES ('now', 'AB', 'reader', 'AB', 'update', 'x', 'y')").run()).not.toThrow();
    expect(() => db.prepare("INSERT INTO audit_log (at, reader, entity, entity_id, action, prev_hash, hash) VALUES ('now', 'AB', 'study', 'AB', 'update', 'x', 'y')").run()).toThrow(/CHECK constraint/);
    db.close();
  });

  it('leaves an empty log without a head, and intact', () => {
    const db = openDatabase(freshFolder());
    expect(chainHead(db)).toBeNull();
    expect(checkAuditChain(db)).toEqual({ intact: true, rows: 0 });
    db.close();
  });
});

describe('migration 10: the team on one PACS', () => {
  it('keeps every record as this workstation\'s own, the PACS with a 30 s sync, and one open publication per document', () => {
    const folder = freshFolder();
    const before = new Database(path.join(folder, DATABASE_FILE));
    migrate(before, migrations.filter((m) => m.version < 10), null);
    before.prepare("INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at) VALUES ('L1', '2.25.1', '1.2', '1.2.3', 'AB', 'final', 'urgent', '{}', 'now', 'now')").run();
    before.prepare("INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES ('R1', 'L1', 'CD', '{}', 'now')").run();
    before.prepare("INSERT INTO pacs_server (id, url, auth_header, updated_at) VALUES (1, 'http://localhost:8042/dicom-web', NULL, 'now')").run();
    before.close();
    const db = openDatabase(folder);
    expect(db.prepare('SELECT origin FROM lesions').pluck().all()).toEqual([null]);
    expect(db.prepare('SELECT origin FROM reviews').pluck().all()).toEqual([null]);
    expect(db.prepare('SELECT sync_interval_seconds FROM pacs_server').pluck().get()).toBe(30);
    expect(() => db.prepare('UPDATE pacs_server SET sync_interval_seconds = 2').run()).toThrow(/CHECK constraint/);
    const open = db.prepare("INSERT INTO pacs_outbox (kind, study_uid, reader, enqueued_at) VALUES ('findings', '1.2', 'AB', 'now')");
    open.run();
    expect(() => open.run()).toThrow(/UNIQUE/);
    // Once its content is fixed, a publication no longer takes changes: the next change opens another.
    db.prepare("UPDATE pacs_outbox SET snapshot = '{}', sop_instance_uid = '2.25.9', version = 1").run();
    expect(() => open.run()).not.toThrow();
    expect(() => db.prepare("UPDATE pacs_outbox SET snapshot = NULL WHERE version = 1").run()).toThrow(/CHECK constraint/);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT sop_instance_uid FROM pacs_seen WHERE series_uid = '1'")).toMatch(/USING (COVERING )?INDEX pacs_seen_by_series/);
    expect(plan("SELECT header FROM received_documents WHERE study_uid = '1'")).toMatch(/USING INDEX received_documents_by_study/);
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('pacs_outbox', 'pacs_documents', 'pacs_seen', 'received_documents', 'received_conflicts', 'pending_reviews')").all();
    expect(tables).toHaveLength(6);
    expect(tables.every((t) => (t as { strict: number }).strict === 1)).toBe(true);
    db.close();
  });
});

describe('migration 12: version numbers checked against the PACS, and what a new PACS is sent', () => {
  it('never renumbers a publication that may have been sent, and counts what was sent and seen as on the PACS set now', () => {
    const folder = freshFolder();
    const before = new Database(path.join(folder, DATABASE_FILE));
    migrate(before, migrations.filter((m) => m.version < 12), null);
    before.prepare("INSERT INTO pacs_server (id, url, auth_header, updated_at) VALUES (1, 'http://old-pacs/dicom-web', NULL, 'now')").run();
    before.prepare("INSERT INTO pacs_documents (kind, study_uid, reader, record_id, version, instance_number, sop_instance_uid, content_hash, lesions) VALUES ('findings', '1.2', 'AB', '', 1, 1, '2.25.1', 'h', '[]'), ('findings', '1.3', 'AB', '', 2, 2, '2.25.2', 'h', '[]')").run();
    // Version 2 on study 1.3 was tried once (it may be on the PACS); a change on 1.2 was never tried.
    before.prepare("INSERT INTO pacs_outbox (kind, study_uid, reader, enqueued_at, version, sop_instance_uid, snapshot, attempts) VALUES ('findings', '1.3', 'AB', 'now', 2, '2.25.2', '{}', 1)").run();
    before.prepare("INSERT INTO pacs_outbox (kind, study_uid, reader, enqueued_at) VALUES ('findings', '1.2', 'AB', 'now')").run();
    before.prepare("INSERT INTO pacs_seen (sop_instance_uid, series_uid, seen_at, outcome) VALUES ('2.25.1', '2.25.10', 'now', 'published here'), ('2.25.7', '2.25.10', 'now', 'received')").run();
    before.close();
    const db = openDatabase(folder);
    expect(db.prepare('SELECT study_uid, numbering_checked, purpose FROM pacs_outbox ORDER BY id').all()).toEqual([
      { study_uid: '1.3', numbering_checked: 1, purpose: 'change' },
      { study_uid: '1.2', numbering_checked: 0, purpose: 'change' },
    ]);
    expect(db.prepare('SELECT study_uid, sent_to, snapshot FROM pacs_documents ORDER BY study_uid').all()).toEqual([
      { study_uid: '1.2', sent_to: 'http://old-pacs/dicom-web', snapshot: null },
      { study_uid: '1.3', sent_to: null, snapshot: null },
    ]);
    expect(db.prepare('SELECT url, series_uid, instances FROM pacs_series_looked').all()).toEqual([{ url: 'http://old-pacs/dicom-web', series_uid: '2.25.10', instances: 2 }]);
    expect(() => db.prepare("UPDATE pacs_outbox SET purpose = 'other'").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE pacs_documents SET snapshot = 'not json'").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('migration 13: where a radiograph\'s spacing lies', () => {
  it('reads a radiograph indexed before as measured at the detector (never the patient), a CT as before', () => {
    const folder = freshFolder();
    const before = new Database(path.join(folder, DATABASE_FILE));
    migrate(before, migrations.filter((m) => m.version < 13), null);
    before.exec(`
      INSERT INTO patients (id, patient_key, patient_id, patient_name, sex) VALUES (1, 'P', 'P', 'P', 'F');
      INSERT INTO studies (id, study_uid, patient_ref, study_time, accession_number, description) VALUES (1, '1.2.3', 1, '', '', '');
      INSERT INTO series (id, series_uid, study_ref, modality, description, body_part) VALUES (1, '1.2.3.1', 1, 'DX', '', ''), (2, '1.2.3.2', 1, 'CT', '', '');
      INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, transfer_syntax_uid, pixel_spacing, has_pixel_data, file_path, file_size, file_mtime_ms)
        VALUES ('1.2.3.1.1', 1, '1.2.840.10008.5.1.4.1.1.1.1', '1.2.840.10008.1.2.1', '[0.15,0.15]', 1, '/a.dcm', 1, 1),
               ('1.2.3.2.1', 2, '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', '[0.7,0.7]', 1, '/b.dcm', 1, 1);
    `);
    before.close();
    const db = openDatabase(folder);
    expect(studyInstances(db, '1.2.3').map((i) => [i.modality, i.measurementSpacing])).toEqual([
      ['DX', { spacing: [0.15, 0.15], plane: 'detector' }],
      ['CT', { spacing: [0.7, 0.7], plane: 'patient' }],
    ]);
    expect(() => db.prepare("UPDATE instances SET imager_pixel_spacing = 'not json'").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('migration 9: the PACS cache', () => {
  it('keeps one row per cached study, read in least-recently-opened order through its index, and one size limit', () => {
    const db = openDatabase(freshFolder());
    expect((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('pacs_server') as string[]).join(',')).toMatch(/^id,url,auth_header,updated_at,trusted_certificate/);
    const insert = db.prepare("INSERT INTO pacs_cache_studies (study_uid, source_url, bytes, retrieved_at, last_opened_at) VALUES (?, 'http://pacs/dicom-web', ?, 'now', ?)");
    insert.run('1.2.3', 10, '2026-01-02T00:00:00.000Z');
    expect(() => insert.run('1.2.3', 10, 'x')).toThrow(/UNIQUE/);
    expect(() => insert.run('1.2.4', -1, 'x')).toThrow(/CHECK constraint/);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT study_uid FROM pacs_cache_studies ORDER BY last_opened_at').all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/pacs_cache_studies_by_opening/);
    db.prepare('INSERT INTO pacs_cache_settings (id, limit_bytes) VALUES (1, 1000)').run();
    expect(() => db.prepare('INSERT INTO pacs_cache_settings (id, limit_bytes) VALUES (2, 1000)').run()).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('migration 11: what the worklist reads of each lesion', () => {
  const v1Lesion = { ...makeLesion({ id: 'f1100000-0000-4000-8000-000000000001', trackingUid: '2.25.1101', nature: 'lytic', axialInvolvementMm: typed(41) }), schemaVersion: 1 } as Record<string, unknown>;
  delete v1Lesion.mirelsSizeDefinition;
  delete v1Lesion.attachedAnnotationIds;
  delete v1Lesion.boneAnalysis;
  const received = makeLesion({ id: 'f1100000-0000-4000-8000-000000000002', trackingUid: '2.25.1102', reader: 'EF', regionId: 'femur-neck', largestDimensionMm: typed(12) });
  const insert = (db: Database.Database, lesion: Record<string, unknown>, urgency: string, origin: string | null) =>
    db
      .prepare('INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(lesion.id, lesion.trackingUid, lesion.studyInstanceUid, lesion.seriesInstanceUid, lesion.reader, lesion.status, urgency, JSON.stringify(lesion), lesion.createdAt, lesion.updatedAt, origin);

  it('upgrades with no worklist row, the worklist scoring those lesions from their records until the app scores them at start', () => {
    const folder = freshFolder();
    const before = new Database(path.join(folder, DATABASE_FILE));
    migrate(before, migrations.filter((m) => m.version < 11), null);
    insert(before, v1Lesion, 'urgent', null);
    before.prepare("INSERT INTO received_documents (document_key, workstation_id, workstation, study_uid, reader, reader_name, patient_name, patient_id, study_date, version, sop_instance_uid, header, received_at) VALUES ('doc', 'ws', 'RAD-WS-02', '1.2.3.4', 'EF', 'Eva Fors', 'ROE^RITA', 'P-2', NULL, 1, '2.25.9', '{}', 'now')").run();
    insert(before, received, 'routine', 'doc');
    before.close();
    const db = openDatabase(folder);
    expect(db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').pluck().get('lesion_worklist')).toBe(1);
    expect(db.prepare('SELECT count(*) FROM lesion_worklist').pluck().get()).toBe(0);
    expect(staleWorklistRows(db)).toBe(2);
    const expected = listLesions(db).map((l) => [l.id, scoreLesion(l).urgency.level]);
    expect(expected).toEqual([[v1Lesion.id, 'urgent'], [received.id, expect.any(String)]]);
    const shown = () => worklist(db, { urgencies: ['emergency', 'urgent', 'surgical-opinion', 'routine'], sort: 'oldest' }, null).rows.map((r) => [r.lesionId, r.urgency.level]);
    expect(shown()).toEqual([...expected].reverse());

    expect(refreshLesionSummaries(db)).toBe(2);
    expect(staleWorklistRows(db)).toBe(0);
    expect(db.prepare('SELECT lesion_id, study_uid, reader, origin, created_at, urgency FROM lesion_worklist ORDER BY lesion_id').raw().all()).toEqual([
      [v1Lesion.id, '1.2.3.4', 'AB', null, v1Lesion.createdAt, 'urgent'],
      [received.id, '1.2.3.4', 'EF', 'doc', received.createdAt, expected[1]![1]],
    ]);
    expect(shown()).toEqual([...expected].reverse());
    expect(refreshLesionSummaries(db)).toBe(0);

    // A row under an older rule set is stale again, whatever urgency it stored.
    db.prepare("UPDATE lesion_worklist SET rule_set = 'rules v0', urgency = 'routine'").run();
    expect(staleWorklistRows(db)).toBe(2);
    expect(shown()).toEqual([...expected].reverse());
    db.close();
    // The app scores them again at start.
    const core = createAppCore({ dataDir: folder, door: 'cli', version: 'test', roots: [folder], importRunner: inProcessImportRunner });
    expect(coreInternals(core).db.prepare("SELECT count(*) FROM lesion_worklist WHERE rule_set = ? AND urgency = 'urgent'").pluck().get(SUMMARY_RULE_SET)).toBe(1);
    expect(staleWorklistRows(coreInternals(core).db)).toBe(0);
    core.close();
  });

  it('keeps one row per lesion, gone with it, its urgencies and summary checked, read through the indexes the worklist needs', () => {
    const db = openDatabase(freshFolder());
    insert(db, { ...received, reader: 'AB' }, 'routine', null);
    const row = db.prepare("INSERT INTO lesion_worklist (lesion_id, study_uid, reader, origin, created_at, urgency, worst_case, summary, rule_set) VALUES (?, '1.2', 'AB', NULL, 'now', ?, 'routine', ?, 'r')");
    expect(() => row.run(received.id, 'soon', '{}')).toThrow(/CHECK constraint/);
    expect(() => row.run(received.id, 'routine', 'not json')).toThrow(/CHECK constraint/);
    expect(() => row.run('no-such-lesion', 'routine', '{}')).toThrow(/FOREIGN KEY/);
    row.run(received.id, 'routine', '{}');
    expect(() => row.run(received.id, 'routine', '{}')).toThrow(/UNIQUE/);
    // A lesions row changed by anything but the app's write loses its worklist row; revisions are never reused.
    const first = db.prepare('SELECT revision FROM lesion_worklist').pluck().get() as number;
    db.prepare("UPDATE lesions SET record = '{}' WHERE id = ?").run(received.id);
    expect(db.prepare('SELECT count(*) FROM lesion_worklist').pluck().get()).toBe(0);
    row.run(received.id, 'routine', '{}');
    expect(db.prepare('SELECT revision FROM lesion_worklist').pluck().get()).toBe(first + 1);
    db.prepare('DELETE FROM lesion_worklist').run();
    row.run(received.id, 'routine', '{}');
    expect(db.prepare('SELECT revision FROM lesion_worklist').pluck().get()).toBe(first + 2);
    db.prepare('DELETE FROM lesions WHERE id = ?').run(received.id);
    expect(db.prepare('SELECT count(*) FROM lesion_worklist').pluck().get()).toBe(0);
    const plan = (sql: string, params: object = {}) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const [all, one] = [{ ruleSet: 'r', text: 0 }, { ruleSet: 'r', text: 0, reader: 'AB' }];
    expect(plan('SELECT count(*) FROM lesion_worklist WHERE rule_set = @ruleSet', { ruleSet: 'r' })).toMatch(/USING COVERING INDEX lesion_worklist_by_rule_set/);
    // Every row, and one reader's: read from the listing index alone, never the rows and their summaries.
    // (The note is looked up, by primary key, only when the worklist searches text.)
    expect(plan(worklistSource(false, false), all)).toMatch(/^SEARCH lesion_worklist USING COVERING INDEX lesion_worklist_listing \(rule_set=\?\) \| CORRELATED SCALAR SUBQUERY \d+ \| SEARCH lesions USING PRIMARY KEY \(id=\?\)$/);
    expect(plan(worklistSource(true, false), one)).toMatch(/^SEARCH lesion_worklist USING COVERING INDEX lesion_worklist_listing \(rule_set=\? AND reader=\?\) \|/);
    expect(plan(worklistSource(true, true), one)).toMatch(/lesion_worklist_listing .* SCAN l/);
    db.close();
  });
});
