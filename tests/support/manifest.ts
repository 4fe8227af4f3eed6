import fs from 'node:fs';
import path from 'node:path';
import { SHARED_DICOM } from './paths';

/** One row of ../shared/dicom/manifest.csv (the columns the tests use). */
export interface ManifestRow {
  path: string;
  modality: string;
  transfer_syntax: string;
  rows: string;
  cols: string;
  frames: string;
  series_uid: string;
  sop_class: string;
  category: string;
  series_files_in_set: string;
  gdcm_decode: string;
  stored_value_range: string;
}

/** Reads the manifest with a small RFC 4180 parser (quoted fields hold commas). */
export function readManifest(): ManifestRow[] {
  const text = fs.readFileSync(path.join(SHARED_DICOM, 'manifest.csv'), 'utf8');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])) as unknown as ManifestRow);
}
