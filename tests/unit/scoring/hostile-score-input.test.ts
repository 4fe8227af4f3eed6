import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/errors';
import { parseArguments } from '../../../electron/cli/arguments';
import { scoreCommand } from '../../../electron/cli/commands/lesion-commands';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// `score --in` reads files from anywhere: a record that is not a lesion a reader could have
// measured is refused with the field named and how to act, and no score is printed for it.

let folder: string;
const valid = makeLesion({ nature: 'lytic', largestDimensionMm: typed(25), lesionWidthMm: typed(10), boneDiameterMm: typed(30) });
const json = JSON.stringify(valid);
const value = (field: string, v: unknown) => JSON.stringify({ ...valid, [field]: { value: v, provenance: { source: 'typed' } } });

/** Runs `score --in` on a file's text in-process: what it printed to stdout, and the error it threw. */
async function scoreText(name: string, text: string): Promise<{ stdout: string; error: unknown }> {
  const file = path.join(folder, `${name}.json`);
  fs.writeFileSync(file, text);
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  let error: unknown = null;
  try {
    await scoreCommand(parseArguments(['score', '--in', file, '--json', '--data-dir', path.join(folder, 'data')]));
  } catch (caught) {
    error = caught;
  } finally {
    spy.mockRestore();
  }
  return { stdout: out.join(''), error };
}

beforeAll(() => (folder = temporaryFolder('hostile-score')));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('score --in refuses hostile lesion input, printing no score', () => {
  it('scores the valid record the hostile ones are made from (the cases below fail on their one change)', async () => {
    const { stdout, error } = await scoreText('valid', json);
    expect(error).toBeNull();
    expect(JSON.parse(stdout)[0].harrington.flagged).toBe(true);
  });

  it.each([
    ['a length of 1e308 mm', value('lesionWidthMm', 1e308), /lesionWidthMm\.value.*10000 mm/],
    ['a bone diameter of 1e308 mm', value('boneDiameterMm', 1e308), /boneDiameterMm\.value.*10000 mm/],
    ['an axial involvement of 20 m', value('axialInvolvementMm', 20_000), /axialInvolvementMm\.value.*10000 mm/],
    ['Infinity (1e400 in the file)', json.replace('"value":25', '"value":1e400'), /largestDimensionMm\.value/],
    ['NaN in the file', json.replace('"value":25', '"value":NaN'), /not readable JSON/],
    ['a negative size', value('largestDimensionMm', -5), /largestDimensionMm\.value.*>=0/],
    ['a number given as a string', value('axialInvolvementMm', '40'), /axialInvolvementMm\.value.*expected number/],
    ['"NaN" given as a string', value('lesionWidthMm', 'NaN'), /lesionWidthMm\.value.*expected number/],
    ['a percentage over 100', value('circumferentialInvolvementPct', 100.5), /circumferentialInvolvementPct\.value.*100/],
    ['an unknown bone', JSON.stringify({ ...valid, boneId: 'wing' }), /boneId.*unknown bone id "wing"/],
    ['a region of another bone', JSON.stringify({ ...valid, regionId: 'humerus-head' }), /regionId.*not a region of Femur/],
    ['an unknown category', JSON.stringify({ ...valid, clinical: { ...valid.clinical, mirelsPain: 'severe' } }), /mirelsPain/],
    ['an ESCC grade as a number', JSON.stringify({ ...valid, spine: { ...valid.spine, esccGrade: 2 } }), /esccGrade/],
    ['a field no form has', JSON.stringify({ ...valid, mirelsTotal: 12 }), /mirelsTotal/],
    ['a __proto__ key setting an input', json.replace('"clinical":{', '"clinical":{"__proto__":{"mirelsPain":"functional"},'), /clinical: Unrecognized key: "__proto__"/],
    ['more records than one call scores', `[${Array.from({ length: 10_001 }, () => json).join(',')}]`, /lesions: .*<=10000 items/],
  ])('refuses %s', async (name, text, message) => {
    const { stdout, error } = await scoreText(name.replace(/\W+/g, '-'), text);
    expect(stdout).toBe('');
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_request');
    expect((error as AppError).message).toMatch(message);
  });

  it('as a process: exit code 2, the reason on stderr, nothing on stdout', () => {
    const file = path.join(folder, 'huge.json');
    fs.writeFileSync(file, value('largestDimensionMm', 1e308));
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'score', '--in', file, '--json', '--data-dir', path.join(folder, 'data')], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/largestDimensionMm\.value: .*10000 mm/);
  });
});
