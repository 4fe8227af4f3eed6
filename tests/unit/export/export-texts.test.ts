import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { writeFhirBundle } from '../../../electron/core/export/fhir/write-fhir-bundle';
import { importedFileResolver } from '../../../electron/core/index/instance-queries';
import { referralPdf, writeReferralPdf } from '../../../electron/core/export/referral/write-referral-pdf';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { writeLesionTables } from '../../../electron/core/export/tables/write-lesion-tables';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dsrdump } from './dicom-tools';
import { filesUnder } from './export-files';
import { pdfText } from './pdf-tools';

// What every export says is for its reader: it names none of the project's own documents, which a
// reader outside the project cannot open.

/** The project's documents, by file name (the dataset's own README.md is its file, not ours). */
const PROJECT_DOCUMENT = /\b(CLINICAL|DESIGN|STACK-NOTES|PACS-NOTES|BRIEF[\w-]*)\.md\b/i;

let fixture: PhantomFixture;
let outDir: string;
beforeAll(async () => {
  fixture = await phantomFixture();
  outDir = path.join(fixture.dataDir, 'all-exports');
  const db = fixture.db;
  const study = fixture.truth.studyInstanceUid;
  const source = loadStudyExportSource(db, study, { appVersion: '0.1.0' });
  const resolveFile = importedFileResolver(db);
  await writeReferralPdf(source, path.join(outDir, 'referral'), { resolveFile, includeAll: true });
  await writeReferralPdf(source, path.join(outDir, 'referral-anonymous'), { resolveFile, includeAll: true, purpose: 'non-clinical' });
  writeFhirBundle(source, path.join(outDir, 'fhir'), { includeAll: true, pdf: await referralPdf(source, { resolveFile, includeAll: true }) });
  writeLesionTables(source, path.join(outDir, 'tables'));
  exportMeasurementReports(db, study, path.join(outDir, 'sr'), { appVersion: '0.1.0' });
  exportSegmentations(db, study, path.join(outDir, 'seg'), { appVersion: '0.1.0' });
  await exportResearchDataset(db, { studyInstanceUids: [study], outDir: path.join(outDir, 'dataset'), dateShift: true, nifti: false, appVersion: '0.1.0' });
});
afterAll(() => fixture.cleanup());

describe('every export', () => {
  it('names none of the project\'s own documents, in any file, its text or its compressed streams', () => {
    const files = filesUnder(outDir);
    expect(files.map((f) => path.relative(outDir, f).split(path.sep)[0]).filter((v, i, all) => all.indexOf(v) === i).sort()).toEqual(
      ['dataset', 'fhir', 'referral', 'referral-anonymous', 'seg', 'sr', 'tables'],
    );
    const found: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const texts = [bytes.toString('latin1')];
      if (file.endsWith('.pdf')) texts.push(pdfText(file).raw);
      if (file.endsWith('.gz')) texts.push(gunzipSync(bytes).toString('latin1'));
      if (file.endsWith('.fhir.json')) {
        // The embedded packet PDF is base64 inside the bundle: read it as a PDF too.
        const bundle = JSON.parse(bytes.toString('utf8')) as { entry: { resource: { presentedForm?: { data: string }[] } }[] };
        const pdf = path.join(fixture.dataDir, 'embedded.pdf');
        fs.writeFileSync(pdf, Buffer.from(bundle.entry.find((e) => e.resource.presentedForm)!.resource.presentedForm![0]!.data, 'base64'));
        texts.push(pdfText(pdf).raw);
      }
      if (file.endsWith('.dcm') && file.includes(`${path.sep}SR`)) texts.push(dsrdump(file).stdout);
      for (const text of texts) {
        const match = PROJECT_DOCUMENT.exec(text);
        if (match) found.push(`${path.relative(outDir, file)}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
