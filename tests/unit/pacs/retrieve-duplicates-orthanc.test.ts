import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrieveProgress } from '@shared/pacs/retrieve-job';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../../electron/core/phantom';
import { uidFromKey } from '../../../electron/core/phantom/uid';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { temporaryFolder } from '../../support/paths';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';

// A real PACS on loopback (Debian's Orthanc with its DICOMweb plugin) holding one study of two
// series: a 40-slice phantom CT and a second series of one slice, so that a retrieve streams the
// first series and then asks for the instance listing. Skipped only where Orthanc is not installed.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
if (!HAVE_ORTHANC) console.warn(`retrieve-duplicates-orthanc.test.ts (SKIPPED: ${ORTHANC_BINARY} is not installed)`);

describe.skipIf(!HAVE_ORTHANC)('a retrieve from a real Orthanc counts what was already here', () => {
  let orthanc: OrthancServer;
  let work: string;
  let ctFolder: string;
  let study: string;
  beforeAll(async () => {
    work = temporaryFolder('retrieve-duplicates');
    ctFolder = path.join(work, 'ct');
    await generatePhantomStudy({ outDir: ctFolder, rows: 64, columns: 64, sliceCount: 40 });
    fs.rmSync(path.join(ctFolder, GROUND_TRUTH_FILE));
    // The same study (same seed, patient and date), one slice, made a series of its own with dcmtk.
    const scout = path.join(work, 'scout');
    await generatePhantomStudy({ outDir: scout, rows: 64, columns: 64, sliceCount: 1 });
    fs.rmSync(path.join(scout, GROUND_TRUTH_FILE));
    const scoutFile = path.join(scout, fs.readdirSync(scout)[0]!);
    execFileSync('dcmodify', ['-nb', '-gin', '-m', `(0020,000E)=${uidFromKey('retrieve-duplicates|scout')}`, '-m', '(0020,0011)=2', scoutFile]);
    orthanc = await startOrthanc();
    const files = [...fs.readdirSync(ctFolder).map((f) => path.join(ctFolder, f)), scoutFile].map((f) => readStowFile(f));
    await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), files);
    study = files[0]!.studyInstanceUid;
    expect(new Set(files.map((f) => f.studyInstanceUid)).size).toBe(1);
  }, 120_000);
  afterAll(async () => {
    await orthanc?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('instances imported while the first series streams are counted as cached in the final report, and the progress ends at the total', async () => {
    const dataDir = temporaryFolder('retrieve-duplicates-data');
    const db = openDatabase(dataDir);
    try {
      const transport = new DicomWebTransport(parseDicomWebTarget({ url: orthanc.dicomWebUrl }));
      let last: RetrieveProgress | null = null;
      let importedMeanwhile = 0;
      // The reader imports the same CT from a disc while its first slice is on screen: the other
      // 39 slices are then in the index when the PACS's answer brings them.
      const afterFirstSlice = async () => {
        const report = await runImport(db, [ctFolder]);
        importedMeanwhile = report.indexed;
      };
      const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: study }, { afterFirstSlice, onProgress: (p) => (last = p) });
      expect(importedMeanwhile).toBe(39);
      // Retrieved: the first CT slice and the second series' slice; the 39 others were here already.
      expect(result).toMatchObject({ instances: 2, cached: 39, refused: [] });
      expect(last).toMatchObject({ instancesDone: 41, instancesTotal: 41, cached: 39 });
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(41);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
