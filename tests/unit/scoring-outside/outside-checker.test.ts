import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LesionSchema } from '@shared/lesion/lesion';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';
import { disagreements, productScores } from './outside-comparison';
import { ThresholdLesions } from './threshold-lesions';

// An outside checker of the scores, written from CLINICAL.md and the README without reading
// shared/scoring: each score as the set of values a lesion's inputs allow, the urgency as the lowest
// and highest level those allow. It drives the product's own door (`score --in FILE --json`) with
// lesions drawn where the scores decide: many inputs missing at once, values on each limit and one
// ULP either side, radiograph lengths at the detector, every site including the ambiguous ones.
// run-outside.ts runs the same comparison on any number of lesions (50,000 in the round's report).

const folder = temporaryFolder('outside-checker');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('the scores against an outside implementation, through the score door', () => {
  it('agrees on 4000 threshold lesions: every Mirels and SINS range, Harrington, Van der Linden and ESCC verdict, the urgency and its worst case', () => {
    const generator = new ThresholdLesions(20261207);
    const lesions = Array.from({ length: 4000 }, () => LesionSchema.parse(generator.next()));
    const product = productScores(lesions, folder, path.join(REPO_ROOT, 'electron/cli/launch.mjs'));
    expect(product).toHaveLength(lesions.length);
    const found = disagreements(lesions, product);
    expect(found.slice(0, 10)).toEqual([]);
  });
});
