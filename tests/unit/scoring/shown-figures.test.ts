import { describe, expect, it } from 'vitest';
import type { Annotation } from '@shared/annotation/annotation';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { formatFigure, formatLength } from '@shared/scoring/shown-figure';
import { measurementValue } from '../../../renderer/src/features/viewer/measurement-format';
import { worstArcMessage } from '../../../renderer/src/features/lesions/lesion-arcs';
import { annotationLabel } from '../../../electron/core/export/referral/key-image/draw-annotation';
import { analysisSummary } from '../../../electron/cli/commands/analyze-command';
import type { AnnotationSnapshot } from '../../../renderer/src/services/viewer/annotation-snapshot';

// A figure shown beside a score must sit on the side of the limit the score put it: "50.0%" for a
// cortical involvement of 50.04% beside "circumferential > 50%: met" cannot be trusted, nor can
// "30.0 mm" for an axial 29.96 mm judged not > 30 mm. Every door shows the figure through one
// formatter (shared/scoring/shown-figure.ts) that adds decimals near a limit.

/** The number a shown figure reads as, from the first number in a text. */
const firstNumber = (text: string) => Number(/-?\d+(\.\d+)?/.exec(text)![0]);

/** The side of a limit a value lies on. */
const side = (value: number, limit: number) => Math.sign(value - limit);

const snapshot = (toolName: string, stats: Record<string, number | string>): AnnotationSnapshot =>
  ({ annotationUid: 'a', toolName, stats, text: null }) as unknown as AnnotationSnapshot;

describe('the shared formatter', () => {
  it('keeps each thresholded quantity on its side of every limit the scores compare it with', () => {
    const cases: [Parameters<typeof formatFigure>[0], number, number][] = [
      ['circumferentialInvolvementPct', 50.04, 50],
      ['circumferentialInvolvementPct', 49.996, 50],
      ['circumferentialInvolvementPct', 30.004, 30],
      ['circumferentialInvolvementPct', 33.3334, 100 / 3],
      ['circumferentialInvolvementPct', 66.6661, 200 / 3],
      ['axialInvolvementMm', 30.001, 30],
      ['axialInvolvementMm', 29.9999, 30],
      ['axialInvolvementMm', 39.004, 39],
      ['largestDimensionMm', 24.996, 25],
      ['largestDimensionMm', 32.504, 32.5],
      ['collapsePct', 0.001, 0],
      ['collapsePct', 50.003, 50],
      ['rigidityRatio', 0.6504, 0.65],
      ['rigidityRatio', 0.64999, 0.65],
    ];
    for (const [quantity, value, limit] of cases) {
      const shown = formatFigure(quantity, value);
      expect(side(Number(shown), limit), `${quantity} ${value} shown as ${shown}`).toBe(side(value, limit));
    }
    expect(formatFigure('circumferentialInvolvementPct', 50.04)).toBe('50.04');
    expect(formatFigure('circumferentialInvolvementPct', 47.123)).toBe('47.12');
    expect(formatFigure('axialInvolvementMm', 30)).toBe('30');
    expect(formatLength(29.996)).toBe('29.996');
  });
});

describe('every door shows the figure on its side of the limit', () => {
  it('the viewer\'s measurement panel: cortex percentage, axial extent and lengths', () => {
    const cortex = measurementValue(snapshot('CorticalInvolvement', { arcPercent: 50.04, axialExtentMm: 29.96 }));
    expect(side(firstNumber(cortex), 50), cortex).toBe(1);
    expect(side(firstNumber(cortex.split('axial')[1]!), 30), cortex).toBe(-1);
    const length = measurementValue(snapshot('Length', { length: 24.996, unit: 'mm' }));
    expect(side(firstNumber(length), 25), length).toBe(-1);
  });

  it('the lesion form\'s worst-arc message', () => {
    const message = worstArcMessage([
      { annotationId: 'a', arcPercent: 50.04, slice: 'slice 3', scored: true },
      { annotationId: 'b', arcPercent: 49.96, slice: 'slice 4', scored: false },
    ])!;
    expect(message).toContain('50.04%');
    expect(message).toContain('49.96%');
  });

  it('the referral\'s key-image labels', () => {
    const label = annotationLabel({ text: null, measurements: { arcPercent: 50.04 } } as unknown as Annotation)!;
    expect(side(firstNumber(label), 50), label).toBe(1);
    const length = annotationLabel({ text: null, measurements: { lengthMm: 29.96 } } as unknown as Annotation)!;
    expect(side(firstNumber(length), 30), length).toBe(-1);
  });

  it('the command line\'s bone analysis summary', () => {
    const result = {
      axis: { angleToSliceNormalDeg: 2, lengthMm: 120 },
      sections: [],
      regionId: 1,
      circumferentialInvolvementPct: 50.4,
      takenOn: { circumferentialInvolvementPct: 12 },
      axialInvolvementMm: 29.96,
      lesionWidthMm: 10,
      boneDiameterMm: 30,
      rigidity: { eaRatio: 0.6504, eiMinRatio: 0.9, gjRatio: 0.9, at: null, flagged: false },
      reference: { kind: 'contralateral' },
      notes: [],
    } as unknown as BoneAnalysisResult;
    const text = analysisSummary(result).join('\n');
    expect(side(firstNumber(text.split('Circumferential involvement')[1]!), 50), text).toBe(1);
    expect(side(firstNumber(text.split('axial')[1]!), 30), text).toBe(-1);
    expect(side(firstNumber(text.split('EA ratio')[1]!), 0.65), text).toBe(1);
  });
});

describe('the image itself', () => {
  it('Cornerstone\'s Length and Bidirectional labels keep a length on its side of the limits', async () => {
    const { lengthTextLines } = await import('../../../renderer/src/services/viewer/length-text-lines');
    const [length] = lengthTextLines('Length')({ cachedStats: { t: { length: 29.96, unit: 'mm' } } }, 't')!;
    expect(side(firstNumber(length!), 30), length).toBe(-1);
    expect(lengthTextLines('Length')({ cachedStats: { t: { length: 43.21, unit: 'mm' } } }, 't')).toEqual(['43.2 mm']);
    const lines = lengthTextLines('Bidirectional')({ cachedStats: { t: { length: 25.04, width: 12, unit: 'mm' } } }, 't')!;
    expect(lines).toEqual(['L: 25.04 mm', 'W: 12.0 mm']);
  });
});
