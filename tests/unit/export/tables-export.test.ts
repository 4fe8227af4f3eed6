import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { csvCellText, csvField, toCsv } from '../../../electron/core/export/tables/csv';
import { LESION_TABLE_COLUMNS, LESION_TABLE_SCHEMA_VERSION, LesionTableRowSchema } from '../../../electron/core/export/tables/lesion-table-schema';
import { LesionTableJsonSchema, TABLE_FILES, buildLesionTables, writeLesionTables } from '../../../electron/core/export/tables/write-lesion-tables';
import { temporaryFolder } from '../../support/paths';
import { FIXTURE_LESIONS, fixtureSource } from './tables-source-fixture';
import { readCsvWithPython } from './export-files';
import { acceptedAnalysis, computed, makeLesion } from '../../support/lesion-fixtures';

const folder = temporaryFolder('tables');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    [' padded ', '" padded "'],
    ['', ''],
    [null, ''],
    [true, 'true'],
    [30.001, '30.001'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0, '0'],
    [['a; b', 'c,"d"'], '"[""a; b"",""c,\\""d\\""""]"'],
    // Text a spreadsheet would run as a formula is marked as text; a negative number stays a number.
    ['=1+1', "'=1+1"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-A1', "'-A1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['a=1+1', 'a=1+1'],
    [-1.5, '-1.5'],
    [['=1+1'], '"[""=1+1""]"'],
  ] as const)('writes %j as %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('refuses a number a reader could not read back', () => {
    expect(() => csvCellText(Number.NaN)).toThrow(/NaN/);
    expect(() => toCsv(['a', 'b'], [{ a: 1 }])).toThrow(/column b/);
  });
});

describe('the lesion table', () => {
  const tables = buildLesionTables(fixtureSource());
  const written = writeLesionTables(fixtureSource(), folder);

  it('writes the CSV, the JSON and the schema sidecar', () => {
    expect(written.map((p) => path.basename(p))).toEqual([TABLE_FILES.csv, TABLE_FILES.json, TABLE_FILES.schema]);
    expect(fs.readdirSync(folder).sort()).toEqual([TABLE_FILES.csv, TABLE_FILES.json, TABLE_FILES.schema].sort());
  });

  it('reads back through an independent CSV reader, cell for cell, with the quotes, commas and line breaks intact', () => {
    const records = readCsvWithPython(path.join(folder, TABLE_FILES.csv));
    expect(records[0]).toEqual(LESION_TABLE_COLUMNS.map((c) => c.name));
    expect(records).toHaveLength(1 + FIXTURE_LESIONS.length);
    tables.json.rows.forEach((row, i) => {
      const record = records[i + 1]!;
      LESION_TABLE_COLUMNS.forEach((column, j) => expect(record[j], column.name).toBe(csvCellText(row[column.name as keyof typeof row])));
    });
    const note = records[1]![LESION_TABLE_COLUMNS.findIndex((c) => c.name === 'note')];
    expect(note).toBe('He said "ouch",\r\nthen left; a, b\nÆrø 日本 ');
    expect(records[1]![LESION_TABLE_COLUMNS.findIndex((c) => c.name === 'patient_id')]).toBe('ID,"7" ');
    // A note this workstation's reader typed as a formula is text in a spreadsheet too; the JSON keeps it as typed.
    expect(records[3]![LESION_TABLE_COLUMNS.findIndex((c) => c.name === 'note')]).toBe("'=SUM(A1:A2)");
    expect(tables.json.rows[2]!.note).toBe('=SUM(A1:A2)');
  });

  it('ends every record with CRLF and starts without a byte order mark', () => {
    const bytes = fs.readFileSync(path.join(folder, TABLE_FILES.csv));
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.subarray(-2).toString()).toBe('\r\n');
  });

  it('carries the schema version in every row, in the JSON and in the sidecar', () => {
    const json = LesionTableJsonSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, TABLE_FILES.json), 'utf8')));
    expect(json.schemaVersion).toBe(LESION_TABLE_SCHEMA_VERSION);
    expect(json.rows.every((r) => r.table_schema_version === LESION_TABLE_SCHEMA_VERSION)).toBe(true);
    const sidecar = JSON.parse(fs.readFileSync(path.join(folder, TABLE_FILES.schema), 'utf8'));
    expect(sidecar.schemaVersion).toBe(LESION_TABLE_SCHEMA_VERSION);
    expect(sidecar.columns.map((c: { name: string }) => c.name)).toEqual(LESION_TABLE_COLUMNS.map((c) => c.name));
  });

  it('documents every column with a type and a description', () => {
    expect(new Set(LESION_TABLE_COLUMNS.map((c) => c.name)).size).toBe(LESION_TABLE_COLUMNS.length);
    for (const column of LESION_TABLE_COLUMNS) expect(column.description.length, column.name).toBeGreaterThan(5);
    expect(LESION_TABLE_COLUMNS.find((c) => c.name === 'urgency_reasons')?.type).toBe('list');
    expect(LESION_TABLE_COLUMNS.find((c) => c.name === 'mirels_total')).toMatchObject({ type: 'number', nullable: true });
  });

  it('holds every measurement with its provenance, every score and the urgency with its reasons', () => {
    const [femur, spine, humerus] = tables.json.rows;
    expect(femur).toMatchObject({
      axial_involvement_mm: 34,
      axial_involvement_mm_source: 'annotation',
      axial_involvement_mm_annotation_id: 'c0000000-0000-4000-8000-000000000001',
      circumferential_involvement_pct: 62,
      circumferential_involvement_pct_source: 'typed',
      circumferential_involvement_pct_annotation_id: null,
      largest_dimension_mm: null,
      urgency_level: 'urgent',
      van_der_linden_flagged: true,
      sins_applicable: false,
      patient_id: 'ID,"7" ',
      site_snomed_code: '41111004',
    });
    expect(femur!.urgency_reasons).toContain('axial cortical involvement 34 mm > 30 mm');
    // Mirels 3 (lytic) + 2 (lower limb) + 3 (62% > 2/3? no: 1/3-2/3 = 2) + 2 (moderate) = 9.
    expect(femur!.mirels_total).toBe(9);
    expect(spine).toMatchObject({ urgency_level: 'emergency', escc_grade: '2', status: 'draft', sins_total: null });
    expect(spine!.sins_range_min).toBeTypeOf('number');
    expect(spine!.sins_missing_inputs).not.toHaveLength(0);
    expect(humerus).toMatchObject({ bone_diameter_mm: 30.001, lesion_width_mm: 0.1 + 0.2, note: '=SUM(A1:A2)', reader: 'CD' });
  });

  it('carries a computed value with its method, version and sections, and the experimental CTRA verdict', () => {
    const lesion = makeLesion({
      ...FIXTURE_LESIONS[0]!,
      circumferentialInvolvementPct: computed(59.5, -0.75),
      axialInvolvementMm: computed(41, -38.75, 1.25),
      boneAnalysis: acceptedAnalysis(0.05),
    });
    const { csv, json, schema } = buildLesionTables(fixtureSource([lesion]));
    const [row] = json.rows;
    expect(row).toMatchObject({
      table_schema_version: LESION_TABLE_SCHEMA_VERSION,
      circumferential_involvement_pct: 59.5,
      circumferential_involvement_pct_source: 'computed',
      circumferential_involvement_pct_annotation_id: null,
      circumferential_involvement_pct_algorithm_name: 'BoneMet cortical involvement and CT rigidity analysis',
      circumferential_involvement_pct_algorithm_version: '1.0.0',
      circumferential_involvement_pct_sections: ['section 99 at z = -0.75 mm, 18 mm along the bone axis'],
      axial_involvement_mm_sections: ['section 61 at z = -38.75 mm, -20 mm along the bone axis', 'section 101 at z = 1.25 mm, 20 mm along the bone axis'],
      largest_dimension_mm_source: null,
      largest_dimension_mm_algorithm_name: null,
      largest_dimension_mm_sections: [],
      ctra_applicable: true,
      ctra_flagged: true,
      ctra_lowest_ei_min_ratio: 0.05,
      ctra_governing: 'eiMin',
      ctra_at_z_mm: -24.75,
      ctra_reference: 'contralateral',
      ctra_algorithm_version: '1.0.0',
    });
    expect(row!.ctra_reasons[0]).toMatch(/^lowest minimum bending rigidity \(EI-min\) ratio 0\.05 <= 0\.65/);
    expect(row!.ctra_constants).toMatch(/Poisson's ratio 0\.3; flagged at a lowest ratio <= 0\.65\.$/);
    expect(row!.urgency_reasons).toContain('circumferential involvement 59.5% > 50% (computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0 on the section at z = -0.75 mm)');
    // The CSV holds the same cells; the sidecar documents the new columns.
    const header = csv.split('\r\n')[0]!.split(',');
    expect(header).toContain('circumferential_involvement_pct_algorithm_version');
    // source, annotation id, plane, largest magnification (a detector length's only), method, version.
    expect(csv).toContain(',computed,,,,BoneMet cortical involvement and CT rigidity analysis,1.0.0,');
    expect(csv).toContain(',computed,,patient,,BoneMet cortical involvement and CT rigidity analysis,1.0.0,');
    expect(schema.columns.find((c) => c.name === 'ctra_flagged')?.description).toMatch(/experimental.*Never raises the urgency/i);
  });

  it('refuses a row the schema does not describe, and a study without lesions', () => {
    expect(() => LesionTableRowSchema.parse({ ...tables.json.rows[0], surprise: 1 })).toThrow();
    expect(() => buildLesionTables(fixtureSource([]))).toThrow(AppError);
    expect(() => buildLesionTables(fixtureSource([]))).toThrow(/no lesions to export/);
  });
});
