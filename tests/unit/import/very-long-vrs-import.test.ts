import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { readDicomHeader } from '../../../electron/core/dicom/read-header';
import { runImport } from '../../../electron/core/importer/run-import';
import { searchStudies } from '../../../electron/core/index/study-queries';
import { temporaryFolder } from '../../support/paths';
import { writeVeryLongVrFiles, type VeryLongVrFile } from '../../support/very-long-vrs';

// Files holding SV, UV or OV elements (4-byte lengths, PS3.5 7.1.2), which dicom-parser 1.8.21
// framed with 2-byte lengths: every one was refused as "truncated".

let dataDir: string;
let sourceDir: string;
let files: VeryLongVrFile[];
let db: Database.Database;
beforeAll(() => {
  dataDir = temporaryFolder('very-long-vrs-data');
  sourceDir = fs.realpathSync(temporaryFolder('very-long-vrs-source'));
  files = writeVeryLongVrFiles(sourceDir, '2.25.48151623420815');
  db = openDatabase(dataDir);
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(sourceDir, { recursive: true, force: true });
});

describe('files with SV, UV or OV elements', () => {
  it('are imported, and the index holds their tags', async () => {
    const report = await runImport(db, [sourceDir]);
    // Was: indexed 0, each reported "DICOM header could not be read: the file ends inside a data element: it is truncated, ...".
    expect(report.reported).toEqual([]);
    expect(report.indexed).toBe(3);
    const rows = db
      .prepare(
        `SELECT i.sop_instance_uid AS sop, s.series_uid AS series, i.transfer_syntax_uid AS syntax, i.rows, i.columns,
                i.instance_number AS number, i.has_pixel_data AS pixels
           FROM instances i JOIN series s ON s.id = i.series_ref ORDER BY i.sop_instance_uid`,
      )
      .all();
    expect(rows).toEqual(
      files.map((file) => ({
        sop: file.sopInstanceUid,
        series: file.seriesInstanceUid,
        syntax: file.transferSyntaxUid,
        rows: file.rows,
        columns: file.columns,
        number: file.instanceNumber,
        pixels: 1,
      })),
    );
    expect(searchStudies(db, {}).map((study) => study.patientId)).toEqual([files[0]!.patientId]);
  });

  it('are framed with their 4-byte lengths, at the top level and inside items', () => {
    const [privateFile, extended, bigEndian] = files;
    const header = (file: VeryLongVrFile) => {
      const read = readDicomHeader(file.file, fs.statSync(file.file).size);
      if (read.kind !== 'dataset') throw new Error(read.reason);
      return read.dataSet;
    };
    const top = header(privateFile!);
    expect([top.elements['x00411001'], top.elements['x00411002'], top.elements['x00411003']].map((element) => [element?.vr, element?.length])).toEqual([
      ['SV', 16],
      ['UV', 16],
      ['OV', 16],
    ]);
    // The OV's value is where its header says: bytes 0..15.
    const ov = top.elements['x00411003']!;
    expect([...top.byteArray.subarray(ov.dataOffset, ov.dataOffset + 16)]).toEqual([...Array(16).keys()]);
    const item = top.elements['x00411004']!.items![0]!.dataSet!;
    expect([item.elements['x00411001']?.vr, item.elements['x00411001']?.length, item.elements['x00411003']?.length]).toEqual(['SV', 8, 8]);
    expect(top.uint16('x00280010')).toBe(privateFile!.rows);
    const big = header(bigEndian!);
    expect([big.elements['x00411001']?.vr, big.elements['x00411001']?.length, big.elements['x00411002']?.length, big.uint16('x00280010')]).toEqual(['SV', 16, 16, bigEndian!.rows]);

    const withTable = header(extended!);
    expect([withTable.elements['x7fe00001']?.vr, withTable.elements['x7fe00001']?.length, withTable.elements['x7fe00002']?.length]).toEqual(['OV', 8, 8]);
    expect(withTable.elements['x7fe00010']?.hadUndefinedLength).toBe(true);
  });
});
