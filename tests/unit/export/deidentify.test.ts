import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DenaturalizedDataset } from 'dcmjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { BASIC_PROFILE_TABLE } from '../../../electron/core/export/deid/confidentiality-profile';
import { deidentifyDataset } from '../../../electron/core/export/deid/deidentify-dataset';
import { patientPseudonym } from '../../../electron/core/research/pseudonym-store';
import { UidMap } from '../../../electron/core/export/deid/uid-map';
import { DEIDENTIFICATION_KEY_FILE, dataFolderOf, deidentificationKey } from '../../../electron/core/export/deid/deidentification-key';
import { uidToUuid } from '@shared/dicom/uid';
import { startExportRun } from '../../../electron/core/research/export-runs';
import { temporaryFolder } from '../../support/paths';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => fs.rmSync(f, { recursive: true, force: true })));

const s = (vr: string, ...values: unknown[]) => ({ vr, Value: values });
const SOURCE: DenaturalizedDataset = {
  '00080016': s('UI', '1.2.840.10008.5.1.4.1.1.2'),
  '00080018': s('UI', '1.2.3.4.100'),
  '00080020': s('DA', '20230917'),
  '00080012': s('DA', '20230917'),
  '00080030': s('TM', '093000'),
  '00080050': s('SH', 'ACC-1'),
  '00080080': s('LO', 'St Elsewhere'),
  '00080090': s('PN', { Alphabetic: 'HOUSE^GREGORY' }),
  '00081140': { vr: 'SQ', Value: [{ '00081150': s('UI', '1.2.840.10008.5.1.4.1.1.2'), '00081155': s('UI', '1.2.3.4.99') }] },
  '00081030': s('LO', 'CT thighs'),
  '00100010': s('PN', { Alphabetic: 'DOE^JANE' }),
  '00100020': s('LO', 'MRN-1'),
  '00100030': s('DA', '19620704'),
  '00101002': { vr: 'SQ', Value: [{ '00100020': s('LO', 'ALT-1') }] },
  '0020000D': s('UI', '1.2.3.4'),
  '0020000E': s('UI', '1.2.3.4.5'),
  '00200052': s('UI', '1.2.3.4.9'),
  '00280303': s('CS', 'UNMODIFIED'),
  '0040A123': s('PN', { Alphabetic: 'Somebody' }),
  '00090010': s('LO', 'ACME'),
  '00091001': s('LO', 'DOE^JANE'),
  '00080000': s('UL', 100),
  '60003000': s('OW', new ArrayBuffer(8)),
  '60000010': s('US', 512),
  '00321032': s('PN', { Alphabetic: 'REQUESTER^R' }),
  '00409096': { vr: 'SQ', Value: [{ '00409224': s('FD', 1), '00409225': s('FD', 0) }] },
  '00180015': s('CS', 'THIGH'),
  '0008001A': s('UI', '1.2.999.1'),
};

function ctx(shift: number | null) {
  const map = new Map<string, string>();
  return { mapUid: (u: string) => map.get(u) ?? (map.set(u, `2.25.${map.size + 1}`), `2.25.${map.size}`), pseudonym: 'BONEMET-0007', dateShiftDays: shift };
}
const value = (d: DenaturalizedDataset, tag: string) => d[tag]?.Value;

describe('the Basic Application Level Confidentiality Profile', () => {
  it('is transcribed whole from Table E.1-1, one action per attribute', () => {
    const tags = BASIC_PROFILE_TABLE.map(([tag]) => tag);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.length).toBeGreaterThan(450);
    const action = (tag: string) => BASIC_PROFILE_TABLE.find(([t]) => t === tag)?.[1];
    expect([action('00100010'), action('0020000D'), action('00080080'), action('00081140'), action('00100030')]).toEqual(['Z', 'U', 'X/Z/D', 'X/Z/U*', 'Z']);
  });

  it('removes, empties, replaces and keeps as the table and the stricter rules say', () => {
    const out = deidentifyDataset(SOURCE, ctx(null));
    expect(value(out, '00100010')).toEqual([{ Alphabetic: 'BONEMET-0007' }]);
    expect(value(out, '00100020')).toEqual(['BONEMET-0007']);
    for (const emptied of ['00080020', '00080030', '00080050', '00080080', '00080090', '00100030']) expect(value(out, emptied), emptied).toEqual([]);
    for (const removed of ['00081030', '00101002', '00091001', '00090010', '00080000', '60003000', '60000010', '00080012']) expect(out[removed], removed).toBeUndefined();
    expect(value(out, '0040A123')).toEqual(['ANONYMOUS']); // D: a dummy
    expect(value(out, '00321032')).toBeUndefined(); // X
    expect(value(out, '00080016')).toEqual(['1.2.840.10008.5.1.4.1.1.2']);
    expect(value(out, '00180015')).toEqual(['THIGH']);
    expect(value(out, '0008001A')).toEqual(['1.2.999.1']); // a (private) SOP class names a kind of object: kept
    expect(value(out, '00409096')).toEqual(SOURCE['00409096']!.Value);
    expect([value(out, '00120062'), value(out, '00280303')]).toEqual([['YES'], ['REMOVED']]);
    expect((value(out, '00120064') as DenaturalizedDataset[]).map((c) => c['00080100']!.Value![0])).toEqual(['113100']);
  });

  it('replaces every UID through one map, inside sequences too', () => {
    const c = ctx(null);
    const out = deidentifyDataset(SOURCE, c);
    const nested = (value(out, '00081140') as DenaturalizedDataset[])[0]!;
    expect(value(nested, '00081155')).toEqual([c.mapUid('1.2.3.4.99')]);
    expect(value(nested, '00081150')).toEqual(['1.2.840.10008.5.1.4.1.1.2']);
    expect([value(out, '00080018'), value(out, '0020000D'), value(out, '00200052')]).toEqual([[c.mapUid('1.2.3.4.100')], [c.mapUid('1.2.3.4')], [c.mapUid('1.2.3.4.9')]]);
    expect(JSON.stringify(out)).not.toMatch(/1\.2\.3\.4/);
  });

  it('replaces a UID that borrows the DICOM root to carry an ID or a date, and keeps the registered ones', () => {
    const c = ctx(null);
    const forged = '1.2.840.10008.99.77123456.20230817.1';
    const out = deidentifyDataset({
      ...SOURCE,
      '00080018': s('UI', forged),
      '00081140': { vr: 'SQ', Value: [{ '00081150': s('UI', '1.2.840.10008.5.1.4.1.1.2'), '00081155': s('UI', '1.2.840.10008.1.77123456') }] },
      '00200052': s('UI', '1.2.840.10008.1.4.1.1'), // a registered frame of reference (Talairach)
    }, c);
    expect(value(out, '00080018')).toEqual([c.mapUid(forged)]);
    expect(JSON.stringify(out)).not.toMatch(/77123456/);
    expect(value(out, '00200052')).toEqual(['1.2.840.10008.1.4.1.1']);
    expect((value(out, '00081140') as DenaturalizedDataset[])[0]!['00081150']!.Value).toEqual(['1.2.840.10008.5.1.4.1.1.2']);
  });

  it('removes any text left that mentions a name, ID or UID of the source, and keeps text that only looks alike', () => {
    const code = (meaning: string) => ({ vr: 'SQ', Value: [{ '00080100': s('SH', 'X1'), '00080102': s('SH', '99HOSP'), '00080104': s('LO', meaning) }] });
    const out = deidentifyDataset({
      ...SOURCE,
      '00100010': s('PN', { Alphabetic: 'DOE^JANE', Ideographic: '山田^花子' }),
      '00081032': code('CT for Jane Doe'),
      '00400260': code('DOES NOT apply'),
      '00181020': s('LO', 'v2 MRN-1'),
      '00081090': s('LO', 'for JANEDOE'),
      '00180015': s('CS', 'THIGH'),
      '00081190': s('UR', 'https://pacs.example/studies/1.2.3.4'),
      '00080054': s('AE', 'PACS_AE'),
      '00100024': { vr: 'SQ', Value: [{ '00400032': s('UT', '2.16.840.1.113883.3.1') }] },
      '00209071': { vr: 'SQ', Value: [{ '00209072': s('CS', 'L'), '00081032': code('seen: 山田さん') }] },
    }, ctx(null));
    // A Code Meaning is Type 1: the one naming the patient says ANONYMIZED (its code says what it means).
    expect(out['00081032'], 'the name, as words in another order').toEqual({ vr: 'SQ', Value: [{ '00080100': s('SH', 'X1'), '00080102': s('SH', '99HOSP'), '00080104': s('LO', 'ANONYMIZED') }] });
    expect(value(out, '00400260')).toEqual([{ '00080100': s('SH', 'X1'), '00080102': s('SH', '99HOSP'), '00080104': s('LO', 'DOES NOT apply') }]);
    expect(value(out, '00181020'), 'the patient ID').toEqual([]);
    expect(value(out, '00081090'), 'the name run together').toEqual([]);
    expect(value(out, '00180015')).toEqual(['THIGH']);
    for (const removed of ['00081190', '00080054', '00100024']) expect(out[removed], removed).toBeUndefined();
    expect((value(out, '00209071') as DenaturalizedDataset[])[0]!['00081032']!.Value![0]).toEqual({ '00080100': s('SH', 'X1'), '00080102': s('SH', '99HOSP'), '00080104': s('LO', 'ANONYMIZED') });
  });

  it('removes text where a long name, an ID or a date runs into other letters or digits', () => {
    const out = deidentifyDataset({
      ...SOURCE,
      '00100010': s('PN', { Alphabetic: 'ZQXMARKER^JOHANNA' }),
      '00100020': s('LO', '77123456'),
      '00080070': s('LO', 'Acme ZQXMARKERs'),
      '00081090': s('LO', 'MRN77123456X'),
      '00180015': s('CS', 'ZQXMARKERCHEST'),
      '00400440': { vr: 'SQ', Value: [{ '0040A040': s('CS', 'TEXT'), '0040A160': s('UT', 'seen20230917') }] },
    }, ctx(null));
    for (const emptied of ['00080070', '00081090', '00180015']) expect(value(out, emptied), emptied).toEqual([]);
    expect((value(out, '00400440') as DenaturalizedDataset[])[0]!['0040A160'], 'the study date run into a word').toEqual(s('UT'));
    // A short name (DOE) still has to stand as a word: "DOES" is not a mention.
    expect(value(deidentifyDataset({ ...SOURCE, '00181020': s('LO', 'DOES 2.1') }, ctx(null)), '00181020')).toEqual(['DOES 2.1']);
  });

  it('removes text giving a date of the source with the month in words, a two-digit year or no leading zeros', () => {
    // SOURCE: study 2023-09-17, birth 1962-07-04.
    for (const text of ['seen 17 Sep 2023', 'SEP 17, 2023', 'scan 17-SEP-2023', '17SEP2023', 'born 4 July 1962', 'DOB 4.7.1962', 'DOB 07/04/62', 'on 17.09.23', 'on 9/17/2023']) {
      const out = deidentifyDataset({ ...SOURCE, '00181020': s('LO', text) }, ctx(null));
      expect(value(out, '00181020'), text).toEqual([]);
    }
    expect(value(deidentifyDataset({ ...SOURCE, '00181020': s('LO', 'v 17.9 Sep 2024') }, ctx(null)), '00181020')).toEqual(['v 17.9 Sep 2024']);
  });

  it('removes text repeating an identifier of a device, a place or a trial subject the profile took away', () => {
    const planted: [string, string, string][] = [
      ['00181008', 'LO', 'GANTRY-QX41'], ['0018700A', 'SH', 'DET-77Q1'], ['00181009', 'UT', 'UDI-Q8812'], ['00400242', 'SH', 'PERFSTATQ'],
      ['00400243', 'SH', 'ROOM 7Q EAST'], ['00380300', 'LO', 'WARD 9Q NORTH'], ['00101050', 'LO', 'INSQ-55012'], ['00102155', 'LT', 'qjane@mail.example'],
      ['00120040', 'LO', 'SUBJ-Q-0091'], ['00102299', 'LO', 'QUARRY TRUST'],
    ];
    for (const [tag, vr, text] of planted) {
      const out = deidentifyDataset({ ...SOURCE, [tag]: s(vr, text), '00181020': s('LO', `v2 ${text}`) }, ctx(null));
      expect(value(out, '00181020'), `${tag} ${text}`).toEqual([]);
    }
  });

  it('keeps of a coded attribute a reader needs only its defined terms when a value names the patient', () => {
    const out = deidentifyDataset({
      ...SOURCE, '00100010': s('PN', { Alphabetic: 'ZQXMARKER^JO' }), '00080060': s('CS', 'ZQXMARKER'), '00080008': s('CS', 'ORIGINAL', 'PRIMARY', 'ZQXMARKER'),
      '00080064': s('CS', 'ZQXMARKER'), '00280004': s('CS', 'MONOCHROME2'),
    }, ctx(null));
    expect(value(out, '00080060'), 'Modality (Type 1): Other').toEqual(['OT']);
    expect(value(out, '00080008')).toEqual(['ORIGINAL', 'PRIMARY']);
    expect(value(out, '00080064'), 'Conversion Type: present, empty').toEqual([]);
    expect(value(out, '00280004')).toEqual(['MONOCHROME2']);
  });

  it('empties a time or an age that is not one, whatever text it holds, and keeps those that are', () => {
    const source = { ...SOURCE, '00080013': s('TM', 'ZQXMARKER'), '00181014': s('TM', '10:15:30'), '00181042': s('TM', '101530.123'), '00101010': s('AS', '045Y'), '0018980A': s('AS', 'Joe Q.') };
    for (const shift of [null, -400]) {
      const out = deidentifyDataset(source, ctx(shift));
      expect(value(out, '00080013'), `shift ${shift}`).toEqual([]);
      expect(value(out, '0018980A')).toEqual([]);
      expect([value(out, '00181014'), value(out, '00181042')]).toEqual([['10:15:30'], ['101530.123']]);
    }
    const out = deidentifyDataset({ ...source, '00080030': s('TM', 'ZQXMARKER') }, ctx(-400));
    expect(value(out, '00080030'), 'Study Time kept under the Modified Dates option (Type 2), but not as text').toEqual([]);
  });

  it('removes text repeating a value with digits that the profile took away from free text (a marker, a case number)', () => {
    const code = (meaning: string) => ({ vr: 'SQ', Value: [{ '00080100': s('SH', 'X1'), '00080102': s('SH', '99HOSP'), '00080104': s('LO', meaning) }] });
    const out = deidentifyDataset({
      ...SOURCE, '00104000': s('LT', 'QA-MARK-4711'), '00181020': s('LO', 'build QA-MARK-4711'), '00081030': s('LO', 'CT CHEST'), '00081032': code('CT CHEST'),
    }, ctx(null));
    expect(value(out, '00181020')).toEqual([]);
    expect((value(out, '00081032') as DenaturalizedDataset[])[0]!['00080104']!.Value, 'a description without digits is no identifier').toEqual(['CT CHEST']);
  });

  it('never removes the coded attributes a reader needs, whatever the patient is called', () => {
    const out = deidentifyDataset({ ...SOURCE, '00100010': s('PN', { Alphabetic: 'Rgb^Original' }), '00080008': s('CS', 'ORIGINAL', 'PRIMARY'), '00280004': s('CS', 'RGB'), '00080060': s('CS', 'CT'), '00180015': s('CS', 'ORIGINAL') }, ctx(null));
    expect([value(out, '00080008'), value(out, '00280004'), value(out, '00080060')]).toEqual([['ORIGINAL', 'PRIMARY'], ['RGB'], ['CT']]);
    expect(value(out, '00180015'), 'any other text naming the patient still goes').toEqual([]);
  });

  it('shifts dates by the patient offset under the Modified Dates option, keeping times and never the birth date', () => {
    const out = deidentifyDataset(SOURCE, ctx(-400));
    expect(value(out, '00080020')).toEqual(['20220813']);
    expect(value(out, '00080012')).toEqual(['20220813']);
    expect(value(out, '00080030')).toEqual(['093000']);
    expect(value(out, '00100030')).toEqual([]);
    expect((value(out, '00120064') as DenaturalizedDataset[]).map((c) => c['00080100']!.Value![0])).toEqual(['113100', '113107']);
    expect(value(out, '00280303')).toEqual(['MODIFIED']);
  });
});

describe('pseudonyms and UID maps in the local database', () => {
  it('keep a patient\'s pseudonym and date shift across exports', () => {
    const dir = temporaryFolder('pseudonyms');
    folders.push(dir);
    const db = openDatabase(dir);
    const first = patientPseudonym(db, 'P1\u0000DOE^JANE');
    expect(first.pseudonym).toBe('BONEMET-0001');
    expect(first.dateShiftDays).toBeLessThanOrEqual(-365);
    expect(patientPseudonym(db, 'P1\u0000DOE^JANE')).toEqual(first);
    expect(patientPseudonym(db, 'P2\u0000ROE^RICHARD').pseudonym).toBe('BONEMET-0002');
    db.close();
  });

  it('answer a known patient\'s pseudonym at once while another process holds the write lock (an import)', () => {
    const dir = temporaryFolder('pseudonym-locked');
    folders.push(dir);
    const db = openDatabase(dir);
    db.pragma('busy_timeout = 1500');
    const first = patientPseudonym(db, 'P1\u0000DOE^JANE');
    const importer = new Database(db.name);
    importer.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      expect(patientPseudonym(db, 'P1\u0000DOE^JANE')).toEqual(first);
      expect(performance.now() - started, 'a pseudonym already minted needs no write lock').toBeLessThan(300);
      // A new patient needs the write: it waits for the lock, and is refused when it does not come.
      expect(() => patientPseudonym(db, 'P2\u0000ROE^RICHARD')).toThrow(/locked/);
    } finally {
      importer.exec('ROLLBACK');
      importer.close();
      db.close();
    }
  });

  it('map a UID the same way in every export of the pseudonym, and differently for another pseudonym or workstation key', () => {
    const dir = temporaryFolder('uid-map');
    folders.push(dir);
    const db = openDatabase(dir);
    const key = deidentificationKey(dataFolderOf(db));
    const [a, b] = [startExportRun(db, 'test', dir, {}), startExportRun(db, 'test', dir, {})];
    const mapA = new UidMap(db, a, key);
    const uid = mapA.map('BONEMET-0001', '1.2.3');
    expect(mapA.map('BONEMET-0001', '1.2.3')).toBe(uid);
    // A 2.25 UID of a version 8 UUID, so that record ids mapped through it stay UUIDs.
    expect(uidToUuid(uid)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    mapA.flush();
    const mapB = new UidMap(db, b, key);
    expect(mapB.map('BONEMET-0001', '1.2.3')).toBe(uid);
    expect(mapB.map('BONEMET-0002', '1.2.3')).not.toBe(uid);
    expect(new UidMap(db, b, Buffer.alloc(32, 7)).map('BONEMET-0001', '1.2.3')).not.toBe(uid);
    expect(mapB.derive('BONEMET-0001', 'sr-series:1.2.3')).toBe(mapA.derive('BONEMET-0001', 'sr-series:1.2.3'));
    expect(mapB.derive('BONEMET-0001', '1.2.3')).not.toBe(uid);
    // The pair is recorded once, under the first export that wrote it; a later export's flush adds nothing.
    mapB.flush();
    expect(db.prepare('SELECT export_id, pseudonym_uid FROM export_uid_map WHERE original_uid = ?').all('1.2.3')).toEqual([
      { export_id: a, pseudonym_uid: uid },
      { export_id: b, pseudonym_uid: mapB.map('BONEMET-0002', '1.2.3') },
    ]);
    db.close();
  });

  it('keep the workstation key in the data folder, readable by its user only, and never replace a damaged one', () => {
    const dir = temporaryFolder('deid-key');
    folders.push(dir);
    const key = deidentificationKey(dir);
    expect(key).toHaveLength(32);
    expect(deidentificationKey(dir).equals(key)).toBe(true);
    const file = path.join(dir, DEIDENTIFICATION_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([DEIDENTIFICATION_KEY_FILE]);
    const other = temporaryFolder('deid-key-other');
    folders.push(other);
    expect(deidentificationKey(other).equals(key)).toBe(false);
    fs.writeFileSync(file, 'not a key');
    expect(() => deidentificationKey(dir)).toThrow(/not a de-identification key.*Restore it from a backup/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a key');
  });
});
