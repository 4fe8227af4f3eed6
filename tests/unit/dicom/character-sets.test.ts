import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { openDatabase } from '../../../electron/core/db/open-database';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { runImport } from '../../../electron/core/importer/run-import';
import { searchStudies } from '../../../electron/core/index/study-queries';
import { dicomTextDecoder } from '@shared/dicom/text-decoding';
import { formatPatientName } from '@shared/dicom/person-name';
import { runExportCommand } from '../../support/cli-in-process';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { PYDICOM_CHARSET_FILES, SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { pdfText } from '../export/pdf-tools';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('dicomTextDecoder with ISO 2022 code extensions (PS3.5 6.1.2.5)', () => {
  // The values of PS3.5 Annex H (Japanese, H.3.1 and H.3.2) and Annex I (Korean, I.2), as pydicom's chrH31, chrH32, chrI2 hold them.
  const cases: [string, string, string, string][] = [
    ['Annex H.3.1: JIS X 0208 in G0, back to ASCII with ESC ( B', '\\ISO 2022 IR 87',
      'Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B', 'Yamada^Tarou=山田^太郎=やまだ^たろう'],
    ['Annex H.3.2: half-width katakana (IR 13) first, JIS X 0208, back to Romaji with ESC ( J', 'ISO 2022 IR 13\\ISO 2022 IR 87',
      '\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J', 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう'],
    ['Annex I.2: KS X 1001 designated to G1 per component', '\\ISO 2022 IR 149',
      'Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf', 'Hong^Gildong=洪^吉洞=홍^길동'],
    ['Korean with a trailing return to ASCII and padding', '\\ISO 2022 IR 149', '\x1b$)C\xb1\xe8\xc8\xf1\xc1\xdf\x1b(B ', '김희중'],
    ['JIS X 0212 (IR 159) in G0', '\\ISO 2022 IR 159', '\x1b$(D\x30\x21\x1b(B', '丂'],
    ['GB 2312 (IR 58) in G1', '\\ISO 2022 IR 58', 'Wang^XiaoDong=\x1b$)A\xcd\xf5^\x1b$)A\xd0\xa1\xb6\xab', 'Wang^XiaoDong=王^小东'],
    ['Latin-1 designated by escape (IR 100)', 'ISO 2022 IR 6\\ISO 2022 IR 100', 'Buc^J\x1b-A\xe9r\xf4me', 'Buc^Jérôme'],
    ['an unknown escape sequence is dropped, never shown', '\\ISO 2022 IR 87', 'A\x1b$+ZB', 'AB'],
  ];
  it.each(cases)('%s', (_, charset, raw, expected) => {
    expect(dicomTextDecoder(charset)(bytes(raw), true)).toBe(expected);
  });

  it('resets to the first value\'s sets at "^" and "=" in a person name only, and at "\\\\" in any value', () => {
    // G1 = KS X 1001 until a delimiter: after "^" a high byte is Latin-1 again in a PN, still Hangul in other text.
    const raw = bytes('\x1b$)C\xc8\xab^\xc8\xab');
    expect(dicomTextDecoder('\\ISO 2022 IR 149')(raw, true)).toBe('홍^È«');
    expect(dicomTextDecoder('\\ISO 2022 IR 149')(raw, false)).toBe('홍^홍');
    expect(dicomTextDecoder('\\ISO 2022 IR 149')(bytes('\x1b$)C\xc8\xab\\\xc8\xab'), false)).toBe('홍\\È«');
  });

  it('still reads single character sets and plain ASCII as before', () => {
    expect(dicomTextDecoder('ISO_IR 144')(bytes('\xbb\xee\xdace\xdc\xd1yp\xd3'))).toBe('Люкceмбypг');
    expect(dicomTextDecoder('ISO_IR 192')(Buffer.from('Wang^XiaoDong=王^小東= ', 'utf8'), true)).toBe('Wang^XiaoDong=王^小東=');
    expect(dicomTextDecoder(undefined)(bytes(' DOE^JOHN \0'))).toBe('DOE^JOHN');
  });
});

describe('patient names in ISO 2022 character sets, imported from the real files', () => {
  let folder: string;
  let names: Map<string, string>;
  const files: [string, string, string][] = [
    [path.join(SHARED_DICOM, 'pydicom', 'charset_files', 'chrJapMulti.dcm'), 'やまだ^たろう', 'やまだ, たろう'],
    [path.join(PYDICOM_CHARSET_FILES, 'chrH31.dcm'), 'Yamada^Tarou=山田^太郎=やまだ^たろう', 'Yamada, Tarou'],
    [path.join(PYDICOM_CHARSET_FILES, 'chrH32.dcm'), 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう', 'ﾔﾏﾀﾞ, ﾀﾛｳ'],
    [path.join(PYDICOM_CHARSET_FILES, 'chrI2.dcm'), 'Hong^Gildong=洪^吉洞=홍^길동', 'Hong, Gildong'],
    [path.join(PYDICOM_CHARSET_FILES, 'chrKoreanMulti.dcm'), '김희중', '김희중'],
  ];
  beforeAll(async () => {
    folder = temporaryFolder('charsets');
    const db = openDatabase(path.join(folder, 'data'));
    // Each in a folder of its own: chrJapMulti and chrJapMultiExplicitIR6 share their UIDs.
    files.forEach(([file], i) => {
      fs.mkdirSync(path.join(folder, String(i)));
      fs.copyFileSync(file, path.join(folder, String(i), path.basename(file)));
    });
    const report = await runImport(db, files.map((_, i) => path.join(folder, String(i))));
    expect(report.indexed).toBe(files.length);
    names = new Map(searchStudies(db, {}).map((s) => [s.patientName, formatPatientName(s.patientName)]));
    db.close();
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it.each(files)('%s: decoded in the index and as the study list shows it, no escape bytes', (_, stored, shown) => {
    expect(names.get(stored)).toBe(shown);
    expect(stored).not.toMatch(/[\x1b\ufffd]/);
  });
});

describe('patient names in ISO 2022 character sets reach the exports decoded', () => {
  let dataDir: string;
  let core: AppCore;
  const studyOf = new Map<string, string>();
  beforeAll(async () => {
    dataDir = temporaryFolder('charset-exports');
    core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
    await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    for (const [n, name] of ['chrI2.dcm', 'chrH32.dcm', 'chrKoreanMulti.dcm'].entries()) {
      const copy = path.join(dataDir, 'in', name);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(path.join(PYDICOM_CHARSET_FILES, name), copy);
      const { jobId } = await core.handlers['import.start']({ paths: [copy] });
      await coreInternals(core).importJobs.wait(jobId);
      const study = coreInternals(core).db.prepare('SELECT s.study_uid FROM studies s JOIN series se ON se.study_ref = s.id JOIN instances i ON i.series_ref = se.id WHERE i.file_path = ?').pluck().get(copy) as string;
      const series = coreInternals(core).db.prepare('SELECT series_uid FROM series WHERE study_ref = (SELECT id FROM studies WHERE study_uid = ?)').pluck().get(study) as string;
      const lesion = makeLesion({ id: `c1000000-0000-4000-8000-00000000000${n}`, trackingUid: `2.25.8800${n}`, studyInstanceUid: study, seriesInstanceUid: series, nature: 'lytic', axialInvolvementMm: typed(40), status: 'final' });
      await core.handlers['lesions.save']({ lesion });
      studyOf.set(name, study);
    }
  });
  afterAll(() => {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (argv: string[]) => runExportCommand(argv, dataDir);

  it.each([
    ['chrI2.dcm', 'Hong^Gildong=洪^吉洞=홍^길동'],
    ['chrH32.dcm', 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう'],
    ['chrKoreanMulti.dcm', '김희중'],
  ])('%s: the DICOM SR names the patient in UTF-8, as dcmdump reads it', async (file, name) => {
    const out = path.join(dataDir, 'sr', file);
    const { filesWritten } = JSON.parse(await run(['export', 'sr', '--study', studyOf.get(file)!, '--out', out, '--no-pacs', '--json'])) as { filesWritten: { path: string }[] };
    const dump = spawnSync('dcmdump', ['+P', '0008,0005', '+P', '0010,0010', filesWritten[0]!.path], { encoding: 'utf8' }).stdout;
    expect(dump).toContain('[ISO_IR 192]');
    expect(dump).toContain(`PN [${name}]`);
    expect(dump).not.toMatch(/\x1b|\$\)C|\$B/);
  });

  it('the FHIR bundle and the referral PDF name the patient decoded; SEG and the research dataset export', async () => {
    const study = studyOf.get('chrI2.dcm')!;
    const fhirOut = path.join(dataDir, 'fhir');
    await run(['export', 'fhir', '--study', study, '--out', fhirOut]);
    const bundle = JSON.parse(fs.readFileSync(path.join(fhirOut, fs.readdirSync(fhirOut)[0]!), 'utf8')) as { entry: { resource: { resourceType: string; name?: unknown } }[] };
    expect(bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource.name).toEqual([{ use: 'official', text: 'Gildong Hong', family: 'Hong', given: ['Gildong'] }]);
    const pdfOut = path.join(dataDir, 'referral');
    await run(['export', 'referral', '--study', study, '--out', pdfOut, '--all']);
    expect(pdfText(path.join(pdfOut, fs.readdirSync(pdfOut)[0]!)).flat).toContain('Patient: Hong, Gildong ');
    // dcmjs refused these files outright before ("Using multiple character sets is not supported").
    // The SEG export reads the study and finds nothing to segment (no drawn area): it says so, not a charset error.
    await expect(run(['export', 'seg', '--study', study, '--out', path.join(dataDir, 'seg'), '--json'])).rejects.toThrow(/has a drawn area to segment/);
    const dataset = JSON.parse(await run(['export', 'dataset', '--study', study, '--out', path.join(dataDir, 'dataset'), '--json']));
    expect(dataset.notes).toContainEqual(expect.stringMatching(/^1 images, 0 SEG, 1 SR, 0 NIfTI files for 1 lesion\(s\)/));
  });
});
