import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { call, openCore } from '../../../electron/cli/cli-context';
import type { AppCore } from '../../../electron/core/app-core';
import type { Lesion } from '@shared/lesion/lesion';
import { scoreDisagreements } from '../../support/compare-scores';
import { randomLesionRecords } from '../../support/random-lesions';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// An outside check of the scores: an implementation written from CLINICAL.md alone
// (tests/support/independent-scores.ts) against what `score --in` answers, through the same
// contract call the CLI makes, on a few thousand seeded random lesions. Any drift of a table, a
// threshold, a range or an urgency rule shows here as a named disagreement with its lesion.

const SEED = 20261206;
const LESIONS = 3000;

/** A record as an older form wrote it: form 2 had no bone analysis, form 1 neither the Mirels size definition nor attached drawings. */
function asFormVersion(lesion: Lesion, version: number): object {
  const { boneAnalysis: _analysis, mirelsSizeDefinition: _definition, attachedAnnotationIds: _attached, ...form1 } = lesion;
  if (version === 1) return { ...form1, schemaVersion: 1 };
  if (version === 2) return { ...form1, mirelsSizeDefinition: lesion.mirelsSizeDefinition, attachedAnnotationIds: lesion.attachedAnnotationIds, schemaVersion: 2 };
  return lesion;
}

let dataDir: string;
let core: AppCore;

beforeAll(() => {
  dataDir = temporaryFolder('independent-scores');
  core = openCore(parseArguments(['--data-dir', dataDir]));
});

afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('scores against an independent implementation of CLINICAL.md', () => {
  it(`agrees on ${LESIONS} seeded random lesions: every range, band, flag and urgency`, async () => {
    const lesions = randomLesionRecords(SEED, LESIONS);
    const scores = await call(core, 'lesions.score', { lesions });
    expect(scores).toHaveLength(LESIONS);
    const disagreements = lesions.flatMap((lesion, i) => scoreDisagreements(lesion, scores[i]!).map((d) => `#${i} ${lesion.boneId}/${lesion.regionId ?? '-'}: ${d}`));
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(disagreements.length).toBe(0);
  });

  it('agrees on what the score command itself prints for a file of them, a third in older lesion forms', () => {
    const lesions = randomLesionRecords(SEED + 1, 300);
    const file = path.join(dataDir, 'lesions.json');
    fs.writeFileSync(file, JSON.stringify(lesions.map((lesion, i) => asFormVersion(lesion, (i % 3) + 1))));
    // A form 1 record read width / diameter (no definition to choose): it is scored as that.
    lesions.forEach((lesion, i) => i % 3 === 0 && (lesion.mirelsSizeDefinition = 'width-over-diameter'));
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'score', '--in', file, '--json', '--data-dir', path.join(dataDir, 'cli')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Parameters<typeof scoreDisagreements>[1][];
    expect(printed).toHaveLength(lesions.length);
    expect(lesions.flatMap((lesion, i) => scoreDisagreements(lesion, printed[i]!).map((d) => `#${i}: ${d}`))).toEqual([]);
  });
});
