// Drives the product's `score --in FILE --json` door with outside lesions and compares its answers
// with the outside implementation, score by score.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Lesion } from '@shared/lesion/lesion';
import { outsideScores, type Possible, type PossibleFlag } from './outside-scores';

/** What the product answered for one score (the fields of its JSON the comparison reads). */
interface ProductScore {
  applicable: boolean;
  total: number | null;
  range: [number, number] | null;
  flagged: boolean | null;
  possibleBands: Array<{ id: string }>;
}
interface ProductScores {
  mirels: ProductScore;
  harrington: ProductScore;
  vanDerLinden: ProductScore;
  sins: ProductScore;
  escc: ProductScore;
  urgency: { level: string; worstCase: string };
}

/** One disagreement: which comparison, the lesion's id, ours and the product's. */
export interface Disagreement {
  check: string;
  lesionId: string;
  outside: string;
  product: string;
}

/** Runs the product's score door on a batch (at most the contract's 10,000) and returns its answers. */
export function productScores(lesions: Lesion[], folder: string, cliPath: string): ProductScores[] {
  const file = path.join(folder, 'batch.json');
  fs.writeFileSync(file, JSON.stringify(lesions));
  const result = spawnSync(process.execPath, [cliPath, 'score', '--in', file, '--json', '--data-dir', folder], { encoding: 'utf8', maxBuffer: 2 ** 31 });
  if (result.status !== 0) throw new Error(`score door failed: ${result.stderr.slice(0, 2000)}`);
  return JSON.parse(result.stdout) as ProductScores[];
}

function rangeOf(score: ProductScore): string {
  if (!score.applicable) return 'n/a';
  if (score.total !== null) return `${score.total}-${score.total}`;
  return score.range ? `${score.range[0]}-${score.range[1]}` : 'none';
}

function outsideRange(set: Possible | null): string {
  return set === null ? 'n/a' : `${set[0]}-${set[set.length - 1]}`;
}

function productFlag(score: ProductScore): string {
  if (!score.applicable) return 'n/a';
  return score.flagged === null ? 'false|true' : String(score.flagged);
}

function outsideFlag(flag: PossibleFlag): string {
  return flag.join('|');
}

/** Every disagreement between the outside scores and the product's for these lesions. */
export function disagreements(lesions: Lesion[], product: ProductScores[]): Disagreement[] {
  const found: Disagreement[] = [];
  lesions.forEach((lesion, i) => {
    const ours = outsideScores(lesion);
    const theirs = product[i]!;
    const check = (name: string, outside: string, answer: string) => {
      if (outside !== answer) found.push({ check: name, lesionId: lesion.id, outside, product: answer });
    };
    check('mirels', outsideRange(ours.mirels), rangeOf(theirs.mirels));
    check('sins', outsideRange(ours.sins), rangeOf(theirs.sins));
    check('harrington', outsideFlag(ours.harrington), productFlag(theirs.harrington));
    if (theirs.vanDerLinden.applicable) check('van-der-linden', outsideFlag(ours.vanDerLinden), productFlag(theirs.vanDerLinden));
    const highGrade = ours.escc === null ? 'n/a' : [...new Set(ours.escc.map((g) => (g === '2' || g === '3' ? 'high-grade' : 'low-grade')))].join('|');
    check('escc', highGrade, theirs.escc.applicable ? theirs.escc.possibleBands.map((b) => b.id).join('|') : 'n/a');
    check('urgency-level', ours.urgency.lowest, theirs.urgency.level);
    check('urgency-worst-case', ours.urgency.highest, theirs.urgency.worstCase);
  });
  return found;
}
