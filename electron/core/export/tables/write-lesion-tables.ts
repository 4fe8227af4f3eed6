import path from 'node:path';
import { z } from 'zod';
import { writeExportFile } from '../write-export-file';
import { requireLesions, type StudyExportSource } from '../study-export-source';
import { toCsv } from './csv';
import { lesionTableRow } from './lesion-rows';
import {
  LESION_TABLE_COLUMNS,
  LESION_TABLE_NAME,
  LESION_TABLE_SCHEMA_VERSION,
  LesionTableColumnSchema,
  LesionTableRowSchema,
} from './lesion-table-schema';

/** The file names the table export writes into its folder. */
export const TABLE_FILES = { csv: 'lesions.csv', json: 'lesions.json', schema: 'lesions.schema.json' } as const;

/** lesions.schema.json: what every CSV column holds, with the version the CSV's first column repeats. */
export const LesionTableSchemaDocSchema = z.object({
  table: z.literal(LESION_TABLE_NAME),
  schemaVersion: z.literal(LESION_TABLE_SCHEMA_VERSION),
  format: z.string(),
  columns: z.array(LesionTableColumnSchema),
});

/** lesions.json: the same rows as the CSV, with lists as JSON arrays and nulls as null. */
export const LesionTableJsonSchema = z.object({
  table: z.literal(LESION_TABLE_NAME),
  schemaVersion: z.literal(LESION_TABLE_SCHEMA_VERSION),
  appVersion: z.string(),
  exportedAt: z.iso.datetime({ offset: true }),
  studyInstanceUid: z.string(),
  rows: z.array(LesionTableRowSchema),
});
export type LesionTableJson = z.infer<typeof LesionTableJsonSchema>;

const FORMAT =
  'CSV per RFC 4180: UTF-8 without BOM, comma-separated, CRLF line ends, header record first. Empty cell = null. ' +
  'Booleans are true/false; numbers use "." and no grouping; list columns hold a JSON array of strings. ' +
  'Text is written as recorded, except that a text cell starting with =, +, -, @, a tab or a carriage return starts with an apostrophe (\'), ' +
  'so that a spreadsheet shows it as text and never runs it as a formula; lesions.json holds every value without it.';

/** The table export of a study: its rows, the CSV text and both JSON documents, not yet written. */
export function buildLesionTables(source: StudyExportSource): { csv: string; json: LesionTableJson; schema: z.infer<typeof LesionTableSchemaDocSchema> } {
  const rows = requireLesions(source).map((scored) => lesionTableRow(source.study, scored));
  const json = LesionTableJsonSchema.parse({
    table: LESION_TABLE_NAME,
    schemaVersion: LESION_TABLE_SCHEMA_VERSION,
    appVersion: source.appVersion,
    exportedAt: source.exportedAt,
    studyInstanceUid: source.study.studyInstanceUid,
    rows,
  });
  const schema = LesionTableSchemaDocSchema.parse({ table: LESION_TABLE_NAME, schemaVersion: LESION_TABLE_SCHEMA_VERSION, format: FORMAT, columns: LESION_TABLE_COLUMNS });
  return { csv: toCsv(LESION_TABLE_COLUMNS.map((c) => c.name), rows), json, schema };
}

/**
 * Writes lesions.csv, lesions.json and lesions.schema.json into a folder (created if needed).
 * @returns the paths written
 */
export function writeLesionTables(source: StudyExportSource, outDir: string): string[] {
  const { csv, json, schema } = buildLesionTables(source);
  return [
    writeExportFile(path.join(outDir, TABLE_FILES.csv), csv),
    writeExportFile(path.join(outDir, TABLE_FILES.json), `${JSON.stringify(json, null, 2)}\n`),
    writeExportFile(path.join(outDir, TABLE_FILES.schema), `${JSON.stringify(schema, null, 2)}\n`),
  ];
}
