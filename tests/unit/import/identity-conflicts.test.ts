import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { removeStudy } from '../../../electron/core/index/study-queries';
import { mapDicomLayout } from '../../support/dicom-layout';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Files whose UIDs contradict each other (a faulty anonymiser or modality, a hand-edited file):
// one series named under two studies, one instance named in two series. The index must never put
// a file in a study it does not name: the contradiction is reported for the user to sort out.

let source: string;
let dataDir: string;
let db: Database.Database;

beforeEach(() => {
  source = fs.realpathSync(temporaryFolder('conflicts-source'));
  dataDir = temporaryFolder('conflicts-data');
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  for (const folder of [source, dataDir]) fs.rmSync(folder, { recursive: true, force: true });
});

const original = new Uint8Array(fs.readFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm')));
const layout = mapDicomLayout(original);

/** MR_small.dcm with the last digit of each named UID (top level; the meta's copy of the SOP Instance UID too) set to `digit`. */
function variant(name: string, digits: Partial<Record<'study' | 'series' | 'instance', number>>): string {
  const bytes = original.slice();
  const tags = { study: ['x0020000d'], series: ['x0020000e'], instance: ['x00080018', 'x00020003'] } as const;
  for (const [level, digit] of Object.entries(digits) as [keyof typeof tags, number][]) {
    for (const tag of tags[level]) {
      const element = layout.elements.find((e) => e.tag === tag && e.depth === 0)!;
      let at = element.dataOffset + element.length - 1;
      while (bytes[at]! < 0x30 || bytes[at]! > 0x39) at--;
      bytes[at] = 0x30 + digit;
    }
  }
  const file = path.join(source, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const studyOf = (sopInstanceUid: string) =>
  db.prepare('SELECT st.study_uid FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref WHERE i.sop_instance_uid = ?').pluck().get(sopInstanceUid);
const uidOf = (file: string, tag: string) => {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const element = mapDicomLayout(bytes).elements.find((e) => e.tag === tag && e.depth === 0)!;
  return Buffer.from(bytes.subarray(element.dataOffset, element.dataOffset + element.length)).toString('latin1').replace(/\0/g, '').trim();
};

describe('UIDs that contradict each other across files', () => {
  it('reports a file whose series is indexed under another study, and leaves it out of that study', async () => {
    const first = variant('a-study-one.dcm', { study: 1, instance: 1 });
    const second = variant('b-study-two.dcm', { study: 2, instance: 2 });
    const report = await runImport(db, [source]);
    expect(report.indexed).toBe(1);
    // Was: indexed into the series of study one, so that study one showed an image of study two.
    expect(studyOf(uidOf(second, 'x00080018'))).toBeUndefined();
    expect(report.reported).toEqual([
      {
        path: second,
        displayName: second,
        reason: `its series is already indexed in another study (${uidOf(first, 'x0020000d')}): one of the two files is mislabelled, so this one is not indexed`,
      },
    ]);
  });

  it('reports a file whose SOP Instance UID is indexed in another series, rather than counting it a copy', async () => {
    const first = variant('a-series-one.dcm', { series: 1 });
    const second = variant('b-series-two.dcm', { series: 2 });
    const report = await runImport(db, [source]);
    expect(report.indexed).toBe(1);
    // Was: counted a duplicate of the first file, as if it were a copy of the same image.
    expect(report.duplicateFiles).toEqual([]);
    expect(report.reported).toEqual([
      {
        path: second,
        displayName: second,
        reason: `its SOP Instance UID is already indexed from ${first}, in another series: one of the two files is mislabelled, so this one is not indexed`,
      },
    ]);
  });

  it('indexes the reported file once the study it contradicted is removed, and follows a file whose study was corrected', async () => {
    const first = variant('a-study-one.dcm', { study: 1, instance: 1 });
    const second = variant('b-study-two.dcm', { study: 2, instance: 2 });
    expect((await runImport(db, [source])).reported).toHaveLength(1);
    const studyOne = uidOf(first, 'x0020000d');
    fs.rmSync(first); // the mislabelled one, say
    removeStudy(db, studyOne);
    // The conflict was not remembered: the file is read again, and nothing contradicts it now.
    const again = await runImport(db, [source]);
    expect(again).toMatchObject({ indexed: 1, reported: [] });
    expect(studyOf(uidOf(second, 'x00080018'))).toBe(uidOf(second, 'x0020000d'));

    // The same file, its Study Instance UID corrected in place: the index follows it.
    variant('b-study-two.dcm', { study: 3, instance: 2 });
    fs.utimesSync(second, new Date(), new Date(Date.now() + 5000));
    expect(await runImport(db, [source])).toMatchObject({ indexed: 1, reported: [] });
    expect(studyOf(uidOf(second, 'x00080018'))).toBe(uidOf(second, 'x0020000d'));
    expect(db.prepare('SELECT count(*) FROM studies').pluck().get()).toBe(1);
  });

  it('still counts a true copy (same instance, same series) a duplicate', async () => {
    const first = variant('a.dcm', {});
    const copy = variant('b.dcm', {});
    const report = await runImport(db, [source]);
    expect(report).toMatchObject({ indexed: 1, duplicates: 1, reported: [] });
    expect(report.duplicateFiles.map((d) => [d.path, d.duplicateOf])).toEqual([[copy, first]]);
  });
});
