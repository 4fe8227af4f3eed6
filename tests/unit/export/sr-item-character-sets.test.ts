import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { importMeasurementReport } from '../../../electron/core/export/sr/import-measurement-report';
import { readMeasurementReport } from '../../../electron/core/export/sr/read-measurement-report';
import { readLesion } from '../../../electron/core/lesions/lesion-store';
import { REPO_ROOT } from '../../support/paths';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { runPython } from '../../support/python-runner';

// SRs whose content items declare their own Specific Character Set (PS3.5: an item may, and its
// nested items inherit it), written by pydicom from an SR the app exported: the lesion note's TEXT
// item in Latin-1 (ISO_IR 100) or JIS X 0208 with code extensions (ISO 2022 IR 87), and a drawing's
// item declaring Latin-1 for the label held by its child.

const SCRIPT = path.join(REPO_ROOT, 'tests/support/item-character-set-sr.py');
const LATIN_NOTE = 'Läsion: Kortikalis zerstört, Größe 4 cm';
const LATIN_LABEL = 'Ostéolyse à gauche';
const JAPANESE_NOTE = '骨転移 大腿骨 皮質破壊 (4 cm)';

let fixture: PhantomFixture;
let exported: string;

/** The exported SR rewritten by pydicom with the given items' declarations and texts. */
function rewritten(name: string, changes: Record<string, [string, string]>): string {
  const out = path.join(fixture.dataDir, name);
  const run = runPython([SCRIPT, exported, out, JSON.stringify(changes)]);
  if (run.status !== 0) throw new Error(`pydicom could not rewrite the SR: ${run.stderr}`);
  return out;
}

beforeAll(async () => {
  fixture = await phantomFixture();
  const written = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'sr'), { appVersion: '0.1.0' });
  expect(written).toHaveLength(1);
  exported = written[0]!.file;
});
afterAll(() => fixture.cleanup());

const lesionL = () => fixture.lesions.find((l) => l.note !== '')!;
const labelled = () => fixture.annotations.find((a) => a.text !== null)!;

describe('an SR whose content items declare their own Specific Character Set', () => {
  it('reads a note in an item declaring ISO_IR 100, and a label in the child of an item declaring it, in Latin-1', () => {
    const file = rewritten('latin1.dcm', { note: ['ISO_IR 100', LATIN_NOTE], label: ['ISO_IR 100', LATIN_LABEL] });
    const bytes = fs.readFileSync(file);
    // The file is what it claims: the texts in Latin-1 bytes in their items (the JSON record beside them is UTF-8).
    expect(bytes.includes(Buffer.from(LATIN_NOTE, 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from(LATIN_LABEL, 'latin1'))).toBe(true);
    const report = readMeasurementReport(file);
    expect(report.lesions.find((l) => l.id === lesionL().id)!.note).toBe(LATIN_NOTE);
    expect(report.annotations.find((a) => a.id === labelled().id)!.text).toBe(LATIN_LABEL);
  });

  it('imports (import-sr) a note in an item declaring "\\ISO 2022 IR 87", decoded from its escape sequences', () => {
    const file = rewritten('jis.dcm', { note: ['\\ISO 2022 IR 87', JAPANESE_NOTE] });
    expect(fs.readFileSync(file).includes(Buffer.from('\x1b$B', 'latin1'))).toBe(true);
    const report = importMeasurementReport(fixture.db, file, 'AB');
    expect(report.lesions.find((l) => l.id === lesionL().id)!.note).toBe(JAPANESE_NOTE);
    expect(readLesion(fixture.db, lesionL().id)!.note).toBe(JAPANESE_NOTE);
  });

  it('refuses, naming the item and the term, an item declaring a character set no decoder reads', () => {
    const file = rewritten('unknown.dcm', { note: ['ISO_IR 999', 'Plain words'] });
    let error: unknown;
    try {
      readMeasurementReport(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unsupported');
    expect((error as AppError).message).toMatch(/the sequence item at \(0040,A730\) item \d+ > \(0040,A730\) item \d+ > \(0040,A730\) item \d+ declares the Specific Character Set "ISO_IR 999", whose "ISO_IR 999" is not a DICOM character set/);
    expect((error as AppError).message).toContain('UTF-8 (ISO_IR 192)');
  });
});
