import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../../electron/core/lesions/audit-log';
import { openDatabase } from '../../../electron/core/db/open-database';
import { makeLesion } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// Signing in with initials that already own records here takes the full name recorded for them;
// the refusal says whose they are. Every sign-in is audited with the OS account and workstation.
let dataDir: string;
const STUDY = '1.2.826.0.1.3680043.8.2';
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });
const signedIn = () => JSON.parse(cli('reader', '--json').stdout);

beforeAll(() => {
  dataDir = temporaryFolder('reader-identity');
  expect(cli('reader', 'set', 'AB', 'Anna', 'Berg').status).toBe(0);
  const file = path.join(dataDir, 'lesion.json');
  fs.writeFileSync(file, JSON.stringify(makeLesion({ id: 'e9000000-0000-4000-8000-000000000001', trackingUid: '2.25.9901' })));
  expect(cli('lesions', 'add', '--study', STUDY, '--in', file).status).toBe(0);
  expect(cli('reader', 'set', 'CD', 'Carl', 'Dahl', '--role', 'surgeon').status).toBe(0);
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('changing the signed-in reader to initials that own records here', () => {
  it('refuses another name, saying who owns what and asking for the full name as recorded; the reader stays who it was', () => {
    const refused = cli('reader', 'set', 'AB', 'Alan', 'Brook');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('The initials AB already own 1 lesion, 0 annotations and 0 reviews on this workstation, recorded by Anna Berg. To sign in as AB, give the full name as recorded (Anna Berg); if you are someone else, choose other initials.');
    expect(signedIn()).toEqual({ initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
  });

  it('takes the name as recorded (case and spacing aside), keeping it as recorded', () => {
    const taken = cli('reader', 'set', 'AB', 'anna', ' BERG', '--role', 'researcher');
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toContain('Reader: AB (Anna Berg), researcher');
    expect(signedIn()).toEqual({ initials: 'AB', name: 'Anna Berg', role: 'researcher' });
  });

  it('takes any name for initials that own nothing here, and the new roles', () => {
    for (const role of ['neurosurgeon', 'radiation-oncologist', 'interventional-radiologist']) {
      const result = cli('reader', 'set', 'GH', 'Gus', 'Hale', '--role', role);
      expect(result.status, result.stderr).toBe(0);
      expect(signedIn()).toEqual({ initials: 'GH', name: 'Gus Hale', role });
    }
    expect(cli('reader', 'set', 'GH', 'Greta', 'Holm').status).toBe(0);
    const unknown = cli('reader', 'set', 'GH', 'Greta', 'Holm', '--role', 'dentist');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--role dentist is not a role: radiologist, surgeon, neurosurgeon, radiation-oncologist, interventional-radiologist, researcher/);
  });

  it('audits every change of reader with the OS account and workstation it came from, and no refused one', () => {
    const db = openDatabase(dataDir);
    try {
      const trail = auditTrail(db, 'AB');
      expect(trail.map((e) => [e.entity, e.action, (e.before as { initials?: string } | null)?.initials ?? null, (e.after as { role: string }).role])).toEqual([
        ['reader', 'create', null, 'radiologist'],
        ['reader', 'update', 'CD', 'researcher'],
      ]);
      for (const entry of trail) expect(entry).toMatchObject({ osAccount: os.userInfo().username, workstation: os.hostname() });
      expect(auditTrail(db, 'CD').map((e) => (e.after as { name: string }).name)).toEqual(['Carl Dahl']);
    } finally {
      db.close();
    }
  });
});
