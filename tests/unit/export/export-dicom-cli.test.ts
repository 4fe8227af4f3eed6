import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { exportRequestOf, repeatedFlag } from '../../../electron/cli/commands/export-command';
import { runExportCommand } from '../../support/cli-in-process';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { filesUnder } from './export-files';

let fixture: PhantomFixture;
beforeAll(async () => {
  fixture = await phantomFixture();
});
afterAll(() => fixture.cleanup());

const run = (argv: string[]) => runExportCommand(argv, fixture.dataDir);

describe('export commands', () => {
  it('reads every --study, repeated or comma-separated', () => {
    const argv = ['export', 'dataset', '--study', '1.2.3', '--study=1.2.4,1.2.5', '--study', '1.2.3', '--out', 'x'];
    expect(repeatedFlag(parseArguments(argv), 'study', argv)).toEqual(['1.2.3', '1.2.4', '1.2.5']);
    expect(() => exportRequestOf('sr', parseArguments(['export', 'sr']), [])).toThrow(/--study <StudyInstanceUID>/);
  });

  it('export sr writes the study\'s report and export dataset a de-identified folder', async () => {
    const srOut = path.join(fixture.dataDir, 'cli-sr');
    const sr = JSON.parse(await run(['export', 'sr', '--study', fixture.truth.studyInstanceUid, '--out', srOut, '--json']));
    expect(sr).toMatchObject({ kind: 'sr', state: 'done', errors: [] });
    expect(sr.filesWritten).toHaveLength(1);
    expect(fs.existsSync(sr.filesWritten[0].path)).toBe(true);
    const dsOut = path.join(fixture.dataDir, 'cli-dataset');
    const ds = JSON.parse(await run(['export', 'dataset', '--study', fixture.truth.studyInstanceUid, '--out', dsOut, '--date-shift', '--nifti', '--json']));
    expect(ds.notes).toContainEqual(expect.stringMatching(/^40 images, 1 SEG, 1 SR, 2 NIfTI files for 2 lesion\(s\)/));
    expect(filesUnder(dsOut).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['README.md', 'manifest.csv', 'SR-measurements.dcm']));
  });

  it('says how to call it when the kind is unknown', async () => {
    await expect(run(['export', 'pdf'])).rejects.toThrow(/export needs one of: .*sr, seg, .*dataset, stow/);
  });
});

describe('lesions import-sr', () => {
  it('restores the lesions and annotations of a wiped study from the SR the app wrote', async () => {
    const srOut = path.join(fixture.dataDir, 'cli-sr-restore');
    const file = (JSON.parse(await run(['export', 'sr', '--study', fixture.truth.studyInstanceUid, '--out', srOut, '--json'])) as { filesWritten: { path: string }[] }).filesWritten[0]!.path;
    fixture.db.prepare('DELETE FROM annotations').run();
    fixture.db.prepare('DELETE FROM lesions').run();
    const { lesionsCommand, readerCommand } = await import('../../../electron/cli/commands/lesion-commands');
    const logs: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    try {
      await readerCommand(parseArguments(['reader', 'set', 'AB', 'Anna', 'Berg', '--data-dir', fixture.dataDir]));
      await lesionsCommand(parseArguments(['lesions', 'import-sr', file, '--data-dir', fixture.dataDir]));
    } finally {
      log.mockRestore();
    }
    expect(logs.at(-1)).toMatch(new RegExp(`Restored ${fixture.lesions.length} lesion\\(s\\) and ${fixture.annotations.length} annotation\\(s\\)`));
    const ids = fixture.db.prepare('SELECT id FROM lesions ORDER BY id').pluck().all();
    expect(ids).toEqual(fixture.lesions.map((l) => l.id).sort());
  });
});
