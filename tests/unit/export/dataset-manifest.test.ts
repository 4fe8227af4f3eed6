import { describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { MANIFEST_COLUMNS, MANIFEST_VERSION, manifestCsv, type ManifestEntry } from '../../../electron/core/export/dataset/manifest';
import { makeLesion, typed } from '../../support/lesion-fixtures';

// manifest.csv is written by the tables' CSV writer: CRLF records, RFC 4180 quoting (and quoting of
// edge spaces, which spreadsheets trim), and no cell for a number that is not finite.

/** One CSV record's cells (RFC 4180: quoted cells may hold commas and doubled quotes). */
function parseCsvRecord(record: string): string[] {
  const cells: string[] = [];
  const pattern = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (let m = pattern.exec(record); m && m.index < record.length; m = pattern.exec(record)) {
    cells.push(m[2] !== undefined ? m[2].replaceAll('""', '"') : m[1]!);
    if (m[3] === '') break;
  }
  return cells;
}

const entry = (overrides: Partial<ManifestEntry> = {}): ManifestEntry => {
  const lesion = makeLesion({ boneId: 'femur', regionId: 'femur-diaphysis', laterality: 'left', nature: 'lytic', largestDimensionMm: typed(27.5), status: 'final' });
  return { pseudonym: 'BONEMET-0001', lesion, scores: scoreLesion(lesion), lesionNumber: 1, srFile: 'dicom/BONEMET-0001/study-01/SR-measurements.dcm', seg: null, nifti: null, ...overrides };
};

describe('manifest.csv', () => {
  it('gives a lesion routine now but an emergency at worst its worst case, the rules that could be met and the inputs missing, not only its recorded level', () => {
    const lesion = makeLesion({ boneId: 'humerus', regionId: null, laterality: 'right' });
    const scores = scoreLesion(lesion);
    // Nothing recorded but the bone, not even the neurology: an emergency at worst.
    expect([scores.urgency.level, scores.urgency.worstCase]).toEqual(['routine', 'emergency']);
    const csv = manifestCsv([entry({ lesion, scores })]);
    const [header, record] = csv.slice(0, -2).split('\r\n').map((r) => parseCsvRecord(r));
    const cells = Object.fromEntries(header!.map((name, i) => [name, record![i]]));
    expect(cells).toMatchObject({ manifest_version: '3', urgency: 'routine', urgency_worst_case: 'emergency', urgency_reasons: '', mirels_min: '4', mirels_max: '10', mirels_total: '' });
    expect(cells.urgency_worst_case_reasons!.split(' | ')).toEqual(scores.urgency.worstCaseReasons);
    expect(cells.urgency_missing_inputs!.split(' | ')).toEqual(scores.urgency.missingInputs);
    expect(cells.urgency_missing_inputs).toContain('lesion nature');
    expect(cells.urgency_missing_inputs!.split(' | ')[0]).toBe('new neurological deficit');
    expect(cells.urgency_worst_case_reasons).toContain('emergency if a new neurological deficit is present (not recorded)');
  });

  it('is a CRLF CSV of version 3, a header and a row per lesion, with the columns the README lists', () => {
    expect(MANIFEST_VERSION).toBe(3);
    const csv = manifestCsv([entry(), entry({ lesionNumber: 2, seg: { file: 'dicom/BONEMET-0001/study-01/SEG-series-01.dcm', segmentNumber: 2 } })]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = csv.slice(0, -2).split('\r\n');
    expect(records).toHaveLength(3);
    expect(records.every((r) => !r.includes('\n'))).toBe(true);
    expect(records[0]!.split(',')).toEqual(MANIFEST_COLUMNS.map(([name]) => name));
    const cells = Object.fromEntries(MANIFEST_COLUMNS.map(([name], i) => [name, records[2]!.split(',')[i]]));
    expect(cells).toMatchObject({ manifest_version: '3', patient_pseudonym: 'BONEMET-0001', lesion_number: '2', bone_id: 'femur', laterality: 'left', largest_dimension_mm: '27.5', seg_segment_number: '2', nifti_label: '' });
  });

  it('quotes a value with edge spaces or a comma, and refuses a measurement that is not a finite number', () => {
    const csv = manifestCsv([entry({ pseudonym: ' BONEMET-0001 ', srFile: 'dicom/a,b/SR.dcm' })]);
    expect(csv).toContain('," BONEMET-0001 ",');
    expect(csv).toContain(',"dicom/a,b/SR.dcm",');
    const broken = entry();
    const lesion = { ...broken.lesion, largestDimensionMm: typed(Number.NaN) };
    expect(() => manifestCsv([{ ...broken, lesion }])).toThrow(/cannot hold NaN/);
  });
});
