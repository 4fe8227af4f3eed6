import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { acceptedAnalysis, computed, fromAnnotation, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

let dataDir: string;
let recordsFile: string;
const STUDY = '1.2.826.0.1.3680043.8.1';

const cli = (...args: string[]) => {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const records = [
  makeLesion({ id: 'a0000000-0000-4000-8000-000000000001', trackingUid: '2.25.11', nature: 'lytic', reader: 'AB', axialInvolvementMm: fromAnnotation(34), circumferentialInvolvementPct: typed(62), clinical: { mirelsPain: 'moderate' } }),
  makeSpineLesion('T11', { id: 'a0000000-0000-4000-8000-000000000002', trackingUid: '2.25.12', nature: 'mixed', reader: 'AB', spine: { esccGrade: '2' } }),
];

beforeAll(() => {
  dataDir = temporaryFolder('lesion-cli');
  recordsFile = path.join(dataDir, 'lesions.json');
  fs.writeFileSync(recordsFile, JSON.stringify(records));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('lesions from the command line', () => {
  it('refuses to store lesions before a reader is named, and stores nothing', () => {
    const result = cli('lesions', 'add', '--study', STUDY, '--in', recordsFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Name yourself first/);
    expect(JSON.parse(cli('lesions', 'list', '--all', '--json').stdout)).toEqual([]);
  });

  it('adds validated records to a study and lists them with their scores', () => {
    expect(cli('reader', 'set', 'AB', 'Anna', 'Berg').stdout).toMatch(/AB \(Anna Berg\)/);
    const added = JSON.parse(cli('lesions', 'add', '--study', STUDY, '--in', recordsFile, '--json').stdout);
    expect(added).toHaveLength(2);
    const listed = JSON.parse(cli('lesions', 'list', '--study', STUDY, '--json').stdout);
    expect(listed.map((l: { lesion: { trackingUid: string } }) => l.lesion.trackingUid)).toEqual(['2.25.11', '2.25.12']);
    expect(listed[0].scores.urgency.level).toBe('urgent');
    expect(listed[0].scores.urgency.reasons.join(' ')).toMatch(/34 mm > 30 mm/);
    expect(listed[1].scores.urgency.level).toBe('emergency');
  });

  it('refuses an invalid record with a clear message and exit code 2', () => {
    const bad = path.join(dataDir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...records[0], id: 'a0000000-0000-4000-8000-000000000009', boneId: 'wing' }));
    const result = cli('lesions', 'add', '--study', STUDY, '--in', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid request at lesion/);
  });

  it('stores a batch of several records all or none: one bad record, or one clashing with a stored lesion, stores none of them', () => {
    const fresh = (n: number) => makeLesion({ id: `a0000000-0000-4000-8000-00000000010${n}`, trackingUid: `2.25.10${n}`, nature: 'lytic', reader: 'AB' });
    const listed = () => JSON.parse(cli('lesions', 'list', '--all', '--json').stdout).map((l: { lesion: { id: string } }) => l.lesion.id);
    const before = listed();
    const batch = path.join(dataDir, 'batch.json');
    // The third record is invalid: the first two must not be stored either.
    fs.writeFileSync(batch, JSON.stringify([fresh(1), fresh(2), { ...fresh(3), boneId: 'wing' }]));
    const invalid = cli('lesions', 'add', '--study', STUDY, '--in', batch);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/Invalid request at lesions\.2\.boneId/);
    expect(listed()).toEqual(before);
    // Valid records, the last one reusing the tracking UID of a lesion already stored.
    fs.writeFileSync(batch, JSON.stringify([fresh(1), fresh(2), { ...fresh(3), trackingUid: '2.25.11' }]));
    const clash = cli('lesions', 'add', '--study', STUDY, '--in', batch);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/Record 3 of 3 \(lesion a0000000-0000-4000-8000-000000000103\).*second record where only one may be.*Nothing of this batch was stored/);
    expect(listed()).toEqual(before);
    // The same batch without the clash is stored whole.
    fs.writeFileSync(batch, JSON.stringify([fresh(1), fresh(2)]));
    expect(JSON.parse(cli('lesions', 'add', '--study', STUDY, '--in', batch, '--json').stdout)).toHaveLength(2);
    expect(listed()).toEqual([...before, fresh(1).id, fresh(2).id]);
    for (const n of [1, 2]) expect(cli('lesions', 'delete', fresh(n).id).code).toBe(0);
  });

  it("files records naming no reader as the signed-in reader's, and refuses a batch naming another reader before storing any", () => {
    const { reader: _ignored, ...unnamed } = makeLesion({ id: 'a0000000-0000-4000-8000-000000000003', trackingUid: '2.25.13', nature: 'blastic' });
    const foreign = makeLesion({ id: 'a0000000-0000-4000-8000-000000000004', trackingUid: '2.25.14', reader: 'CD' });
    const mixed = path.join(dataDir, 'mixed.json');
    fs.writeFileSync(mixed, JSON.stringify([unnamed, foreign]));
    const refused = cli('lesions', 'add', '--study', STUDY, '--in', mixed);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/name CD, but AB is signed in/);
    expect(JSON.parse(cli('lesions', 'list', '--all', '--json').stdout)).toHaveLength(2);

    const own = path.join(dataDir, 'own.json');
    fs.writeFileSync(own, JSON.stringify(unnamed));
    expect(JSON.parse(cli('lesions', 'add', '--study', STUDY, '--in', own, '--json').stdout)[0].lesion.reader).toBe('AB');
  });

  it("deletes one of the reader's lesions, refuses another reader's, and tells an unknown id apart", () => {
    expect(cli('reader', 'set', 'CD', 'Carl', 'Dahl').code).toBe(0);
    const refused = cli('lesions', 'delete', 'a0000000-0000-4000-8000-000000000003');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/AB's: only AB/);
    expect(cli('reader', 'set', 'AB', 'Anna', 'Berg').code).toBe(0);
    const deleted = cli('lesions', 'delete', 'a0000000-0000-4000-8000-000000000003');
    expect(deleted.stdout).toMatch(/Deleted lesion a0000000-0000-4000-8000-000000000003: its linked measurements stay, unlinked/);
    expect(JSON.parse(cli('lesions', 'list', '--all', '--json').stdout)).toHaveLength(2);
    const unknown = cli('lesions', 'delete', 'a0000000-0000-4000-8000-000000000003');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No lesion a0000000-0000-4000-8000-000000000003/);
  });

  it('scores records without storing them, with the same results the app shows for the same records', async () => {
    const scored = JSON.parse(cli('score', '--in', recordsFile, '--json').stdout);
    const core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
    try {
      const inApp = await core.handlers['lesions.list']({ studyInstanceUid: STUDY });
      expect(scored).toEqual(inApp.map((l) => l.scores));
    } finally {
      core.close();
    }
    expect(JSON.parse(cli('lesions', 'list', '--all', '--json').stdout)).toHaveLength(2);
  });

  it('scores records of lesion forms 1, 2 and 3: the older ones as before, form 3 with computed values and the rigidity verdict', () => {
    const current = makeLesion({ nature: 'lytic', axialInvolvementMm: typed(34), circumferentialInvolvementPct: typed(62), clinical: { mirelsPain: 'moderate' } });
    const { boneAnalysis: _none, ...v2 } = current;
    const { mirelsSizeDefinition: _default, attachedAnnotationIds: _attached, ...v1 } = v2;
    const computedRecord = makeLesion({ ...current, circumferentialInvolvementPct: computed(62, -0.75), axialInvolvementMm: computed(34, -30, 4), boneAnalysis: acceptedAnalysis(0.3) });
    const file = path.join(dataDir, 'forms.json');
    fs.writeFileSync(file, JSON.stringify([{ ...v1, schemaVersion: 1 }, { ...v2, schemaVersion: 2 }, current, computedRecord]));
    const run = cli('score', '--in', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    const [one, two, three, withAnalysis] = JSON.parse(run.stdout);
    expect(one).toEqual(three);
    expect(two).toEqual(three);
    expect(three.ctra.applicable).toBe(false);
    expect(withAnalysis.urgency.level).toBe(three.urgency.level);
    expect(withAnalysis.vanDerLinden.reasons).toEqual([
      'axial cortical involvement 34 mm > 30 mm (computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0 on the sections from z = -30 to z = 4 mm)',
      'circumferential involvement 62% > 50% (computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0 on the section at z = -0.75 mm)',
    ]);
    expect(withAnalysis.ctra).toMatchObject({ applicable: true, flagged: true, lowestRatios: { eiMin: 0.3 } });
  });

  it('an entry as `lesions list --json` prints it carries its revision: saved since, refused whole and nothing stored; a bare record is saved unchecked', () => {
    const [listed] = JSON.parse(cli('lesions', 'list', '--study', STUDY, '--json').stdout) as { lesion: { id: string; note: string }; revision: number }[];
    const read = { ...listed!, lesion: { ...listed!.lesion, note: 'typed from the listing' } };
    // Another door saves the lesion meanwhile (a bare record, unchecked as batch input always was).
    const other = path.join(dataDir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ ...listed!.lesion, note: 'saved meanwhile', updatedAt: '2026-05-01T10:00:00.000Z' }));
    expect(cli('lesions', 'add', '--study', STUDY, '--in', other).code).toBe(0);

    const stale = path.join(dataDir, 'stale.json');
    fs.writeFileSync(stale, JSON.stringify([read]));
    const refused = cli('lesions', 'add', '--study', STUDY, '--in', stale);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/changed since you opened it: it was saved again by AB/);
    const note = () => (JSON.parse(cli('lesions', 'list', '--study', STUDY, '--json').stdout) as { lesion: { id: string; note: string } }[]).find((l) => l.lesion.id === listed!.lesion.id)!.lesion.note;
    expect(note()).toBe('saved meanwhile');
    expect(cli('lesions', 'delete', listed!.lesion.id, '--revision', String(listed!.revision)).code).toBe(1);

    fs.writeFileSync(stale, JSON.stringify([{ ...read, revision: listed!.revision + 1 }]));
    expect(cli('lesions', 'add', '--study', STUDY, '--in', stale).code).toBe(0);
    expect(note()).toBe('typed from the listing');
  });
});
