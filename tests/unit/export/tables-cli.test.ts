import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { exportCommand } from '../../../electron/cli/commands/export-command';
import { createAppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { LesionTableJsonSchema } from '../../../electron/core/export/tables/write-lesion-tables';
import { fromAnnotation, makeLesion } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// `export csv` on a data folder made by the core: CT_small imported, two lesions of two readers saved.
let dataDir: string;
let studyUid: string;
beforeAll(async () => {
  dataDir = temporaryFolder('tables-cli');
  const core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  try {
    const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')] });
    await coreInternals(core).importJobs.wait(jobId);
    const [study] = await core.handlers['studies.search']({});
    studyUid = study!.studyInstanceUid;
    const { series } = await core.handlers['studies.get']({ studyInstanceUid: studyUid });
    const common = { studyInstanceUid: studyUid, seriesInstanceUid: series[0]!.seriesInstanceUid };
    await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await core.handlers['lesions.save']({ lesion: makeLesion({ ...common, reader: 'AB', nature: 'lytic', axialInvolvementMm: fromAnnotation(31, 'x') }) });
    await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'radiologist' });
    await core.handlers['lesions.save']({ lesion: makeLesion({ ...common, id: 'e0000000-0000-4000-8000-000000000002', trackingUid: '2.25.77', reader: 'CD', boneId: 'humerus', regionId: null, laterality: 'right' }) });
  } finally {
    core.close();
  }
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('export csv', () => {
  it('writes every reader\'s lesions of the study as CSV and JSON (export csv, export json) with one schema sidecar', async () => {
    const out = path.join(dataDir, 'out');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await exportCommand(parseArguments(['export', 'csv', '--study', studyUid, '--out', out, '--data-dir', dataDir]));
    expect(fs.readdirSync(out).sort()).toEqual(['lesions.csv', 'lesions.schema.json']);
    await exportCommand(parseArguments(['export', 'json', '--study', studyUid, '--out', out, '--data-dir', dataDir]));
    log.mockRestore();
    expect(fs.readdirSync(out).sort()).toEqual(['lesions.csv', 'lesions.json', 'lesions.schema.json']);
    const json = LesionTableJsonSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'lesions.json'), 'utf8')));
    expect(json.rows.map((r) => [r.reader, r.bone_id, r.urgency_level])).toEqual([['AB', 'femur', 'urgent'], ['CD', 'humerus', 'routine']]);
    expect(json.rows[0]!.patient_id).toBe('1CT1');
  });

  it('says which flag is missing, and which study is unknown', async () => {
    await expect(exportCommand(parseArguments(['export', 'csv', '--out', dataDir, '--data-dir', dataDir]))).rejects.toThrow(/needs --study/);
    await expect(exportCommand(parseArguments(['export', 'csv', '--study', '1.2.3.999', '--out', dataDir, '--data-dir', dataDir]))).rejects.toThrow(/not in the index/);
  });
});
