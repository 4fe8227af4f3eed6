import type { Lesion } from '@shared/lesion/lesion';
import type { ResponseOf } from '@shared/ipc/contract';
import { exactRatioBand } from './exact-decimal';
import { independentScores, type ComponentSpans, type CriterionVerdict, type UrgencyRule, type ReadingChoices, type ScoreSpan, PRODUCT_READINGS } from './independent-scores';

// Compares the product's scores of a lesion (as `score --in --json` prints them) with the
// independent implementation: every range, band, flag and urgency, as named disagreements.

type ProductScores = ResponseOf<'lesions.score'>[number];
type ProductResult = ProductScores['mirels'];

/** The product's span of a score: its total, or its range. */
function productSpan(result: ProductResult): [number, number] | null {
  if (result.total !== null) return [result.total, result.total];
  return result.range ? [result.range[0], result.range[1]] : null;
}

/** The product's bands: the band when one, else every possible band. */
function productBands(result: ProductResult): string[] {
  return (result.band ? [result.band.id] : result.possibleBands.map((b) => b.id)).sort();
}

/** Whether a score's flag is what the independent verdict says (true, false, or null while undecided). */
function flagOf(result: ProductResult): CriterionVerdict | 'not-applicable' {
  return result.applicable ? result.flagged : 'not-applicable';
}

/**
 * A measured figure as a reason may quote it: to the hundredth, unless that would put it on a
 * threshold it is compared with (at a detector also the threshold times the largest magnification,
 * where the patient's range starts to decide).
 */
function shownFigure(value: number | undefined, ...thresholds: number[]): string {
  if (value === undefined) return 'undefined';
  const hundredths = Math.round(value * 100) / 100;
  return String(thresholds.includes(hundredths) ? value : hundredths);
}

/** What a reason for each rule says (CLINICAL.md: "Mirels 10 >= 9", "axial 34 mm > 30 mm"), with the lesion's values. */
export function reasonPattern(rule: UrgencyRule, lesion: Lesion): RegExp {
  const quote = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  switch (rule) {
    case 'escc-high-grade': return /ESCC grade [23]\b/;
    case 'new-deficit': return /new neurological deficit recorded/;
    case 'sins-unstable': return /SINS [\d-]+ >= 13/;
    case 'mirels-fixation': return /Mirels [\d-]+ >= 9/;
    case 'pathological-fracture': return /pathological fracture recorded/;
    case 'axial': {
      const axial = lesion.axialInvolvementMm;
      const atDetector = axial?.spacingPlane === 'detector';
      const figure = `axial cortical involvement ${shownFigure(axial?.value, 30, ...(atDetector ? [30 * (axial.maxMagnification ?? 1.3)] : []))} mm`;
      return atDetector ? new RegExp(`${quote(`${figure} at the detector (`).source}.*> 30 mm`) : quote(`${figure} > 30 mm`);
    }
    case 'circumferential': return quote(`circumferential involvement ${shownFigure(lesion.circumferentialInvolvementPct?.value, 50)}% > 50%`);
    case 'sins-potentially-unstable': return /SINS [\d-]+ (in 7-12|>= 7)/;
    case 'mirels-borderline': return /Mirels 8 = 8/;
    case 'harrington': return /Harrington criterion met/;
  }
}

/** Each component's points (known) or possible points (missing) against the independent span. */
function compareComponents(name: string, result: ProductResult, mine: ComponentSpans, out: string[]) {
  for (const component of result.components) {
    const span = mine[component.id];
    const theirs = component.points !== null ? [component.points, component.points] : component.possiblePoints;
    if (!span || !theirs || theirs[0] !== span.min || theirs[1] !== span.max) {
      out.push(`${name} ${component.id} points: product ${JSON.stringify(theirs)}, independent ${span ? `[${span.min},${span.max}]` : 'none'}`);
    }
  }
  const ids = result.components.map((c) => c.id).sort().join();
  if (result.applicable && ids !== Object.keys(mine).sort().join()) out.push(`${name} components: product ${ids}, independent ${Object.keys(mine).sort().join()}`);
}

function compareSpan(name: string, result: ProductResult, mine: ScoreSpan | null, bandIds: Record<string, string>, out: string[]) {
  if (result.applicable !== (mine !== null)) return void out.push(`${name} applicable: product ${result.applicable}, independent ${mine !== null}`);
  if (!mine) return;
  const theirs = productSpan(result);
  if (!theirs || theirs[0] !== mine.min || theirs[1] !== mine.max) out.push(`${name} range: product ${JSON.stringify(theirs)}, independent [${mine.min},${mine.max}]`);
  const myBands = [...mine.bands].map((b) => bandIds[b] ?? b).sort();
  const bands = productBands(result);
  if (bands.join() !== myBands.join()) out.push(`${name} bands: product ${bands.join('|')}, independent ${myBands.join('|')}`);
}

/** The number a component's shown value starts with ("24.999 mm (typed)" -> 24.999), or null. */
function leadingNumber(value: string | null): number | null {
  const match = value === null ? null : /^(\d+(?:\.\d+)?)/.exec(value);
  return match ? Number(match[1]) : null;
}

/** Mirels size points of a shown fraction ("2/3 (...)", "0.666 (...)", "66.666% of the circumference"). */
function shownSizePoints(value: string): number | null {
  if (/^[12]\/3\b/.test(value)) return 2;
  const number = leadingNumber(value);
  if (number === null) return null;
  const band = /^[\d.]+%/.test(value) ? exactRatioBand(number, 100) : exactRatioBand(number, 1);
  return { 'under-third': 1, 'third-to-two-thirds': 2, 'over-two-thirds': 3 }[band];
}

/**
 * Whether every figure a score shows agrees with the verdict beside it, read as a surgeon reads it
 * (CLINICAL.md: reasons are checked against the image): a 24.999 mm lesion shown as "25 mm" beside
 * "Lesion >= 2.5 cm: not met" does not.
 */
function shownFigureDisagreements(product: ProductScores, out: string[]): void {
  const component = (result: ProductResult, id: string) => (result.applicable ? result.components.find((c) => c.id === id) : undefined);
  const criteria: Array<[string, ProductResult, string, (x: number) => boolean]> = [
    ['Harrington', product.harrington, 'size', (x) => x >= 25],
    ['Harrington', product.harrington, 'cortical-destruction', (x) => x > 50],
    ['Van der Linden', product.vanDerLinden, 'axial', (x) => x > 30],
    ['Van der Linden', product.vanDerLinden, 'circumferential', (x) => x > 50],
  ];
  for (const [name, result, id, rule] of criteria) {
    const c = component(result, id);
    const shown = leadingNumber(c?.value ?? null);
    if (c && shown !== null && c.met !== null && rule(shown) !== c.met) out.push(`${name} ${id} shows "${c.value}" but met is ${c.met}`);
  }
  const size = component(product.mirels, 'size');
  if (size?.value && size.points !== null && shownSizePoints(size.value) !== size.points) out.push(`Mirels size shows "${size.value}" for ${size.points} points`);
  const collapse = component(product.sins, 'collapse');
  const loss = collapse?.value ? /([\d.]+)% height loss/.exec(collapse.value) : null;
  // An open component (a recorded category the loss rules out) shows the loss beside its range.
  if (collapse && loss && collapse.points !== null) {
    const x = Number(loss[1]);
    const expected = x > 50 ? 3 : x === 50 ? null : x > 0 ? 2 : null;
    if (collapse.points !== expected) out.push(`SINS collapse shows "${collapse.value}" for ${String(collapse.points)} points`);
  }
}

/**
 * Every disagreement between the product's scores of a lesion and the independent ones; empty
 * when they agree.
 */
export function scoreDisagreements(lesion: Lesion, product: ProductScores, choices: ReadingChoices = PRODUCT_READINGS): string[] {
  const mine = independentScores(lesion, choices);
  const out: string[] = [];
  compareSpan('Mirels', product.mirels, mine.mirels, { radiotherapy: 'radiotherapy' }, out);
  compareSpan('SINS', product.sins, mine.sins, {}, out);
  compareComponents('Mirels', product.mirels, mine.mirelsComponents, out);
  compareComponents('SINS', product.sins, mine.sinsComponents, out);
  shownFigureDisagreements(product, out);
  const criteria = [['Harrington', product.harrington, mine.harrington], ['Van der Linden', product.vanDerLinden, mine.vanDerLinden]] as const;
  for (const [name, result, verdict] of criteria) {
    if (flagOf(result) !== verdict) out.push(`${name} flag: product ${String(flagOf(result))}, independent ${String(verdict)}`);
  }
  if (product.escc.applicable !== (mine.escc !== null)) out.push(`ESCC applicable: product ${product.escc.applicable}, independent ${mine.escc !== null}`);
  else if (mine.escc && product.escc.flagged !== mine.escc.highGrade) out.push(`ESCC high grade: product ${String(product.escc.flagged)}, independent ${String(mine.escc.highGrade)}`);
  const { level, worstCase } = product.urgency;
  if (level !== mine.urgency.lowest) out.push(`urgency level: product ${level}, independent lowest ${mine.urgency.lowest}`);
  if (worstCase !== mine.urgency.highest) out.push(`urgency worst case: product ${worstCase}, independent highest ${mine.urgency.highest}`);
  // Every flag carries the reasons that raised it; an urgency that missing inputs could raise says so.
  if (mine.urgency.lowest !== 'routine' && product.urgency.reasons.length === 0) out.push(`urgency ${level} without a reason`);
  for (const rule of mine.urgency.alwaysMet) {
    const pattern = reasonPattern(rule, lesion);
    if (!product.urgency.reasons.some((reason) => pattern.test(reason))) out.push(`urgency reasons lack ${rule} (${pattern.source}): ${product.urgency.reasons.join('; ')}`);
  }
  const open = mine.urgency.highest !== mine.urgency.lowest;
  if (product.urgency.dependsOnMissingInputs !== open || (open && product.urgency.worstCaseReasons.length === 0)) {
    out.push(`urgency depends on missing inputs: product ${product.urgency.dependsOnMissingInputs} (${product.urgency.worstCaseReasons.length} reasons), independent ${open}`);
  }
  return out;
}
