// The outside checker on any number of lesions, through the score door, disagreements grouped by
// check, each group with an example and every disagreeing lesion written beside the batch:
//   npx tsx --tsconfig tsconfig.json tests/unit/scoring-outside/run-outside.ts 50000 9   (lesions, seed)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LesionSchema } from '@shared/lesion/lesion';
import { ThresholdLesions } from './threshold-lesions';
import { disagreements, productScores, type Disagreement } from './outside-comparison';

const total = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 9);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-scores-'));
const generator = new ThresholdLesions(seed);
const all: Disagreement[] = [];
const lesionsById = new Map<string, unknown>();
let done = 0;
while (done < total) {
  const batch = Array.from({ length: Math.min(10_000, total - done) }, () => LesionSchema.parse(generator.next()));
  const product = productScores(batch, folder, path.resolve('electron/cli/launch.mjs'));
  for (const d of disagreements(batch, product)) {
    all.push(d);
    lesionsById.set(d.lesionId, { lesion: batch.find((l) => l.id === d.lesionId), product: product[batch.findIndex((l) => l.id === d.lesionId)] });
  }
  done += batch.length;
}
const groups = new Map<string, Disagreement[]>();
for (const d of all) {
  const key = `${d.check}: outside ${d.outside} vs product ${d.product}`;
  groups.set(key, [...(groups.get(key) ?? []), d]);
}
console.log(`${total} lesions, ${all.length} disagreements, ${new Set(all.map((d) => d.lesionId)).size} lesions`);
for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) console.log(`${list.length}\t${key}\te.g. ${list[0]!.lesionId}`);
fs.writeFileSync(path.join(folder, 'disagreements.json'), JSON.stringify([...lesionsById.entries()], null, 1));
console.log(folder);
