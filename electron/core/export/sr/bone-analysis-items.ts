import { BoneAnalysisSummarySchema, type BoneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import { AppError } from '@shared/errors';
import { SR, UNITS } from '../dicom/codes';
import { coded, num, text, type Item } from './content-items';
import { algorithmItems, readAlgorithm } from './computed-items';
import { childNamed, codeValueOf, isCode, numberOf, stringOf, type ContentNode } from './content-reader';
import { BM } from './private-codes';

// The accepted bone analysis of a lesion in its Measurement Group: the lowest rigidity ratios and
// the flag as NUM and CODE items, each identifying the algorithm (TID 4019), so that a reader of the
// SR alone sees the experimental verdict; and, unless de-identified, the summary as JSON (the
// profile and every constant) for a lossless re-import, checked against the items on reading.

const RATIOS = [
  { key: 'eaRatio', concept: BM.ctraEaRatio },
  { key: 'eiMinRatio', concept: BM.ctraEiMinRatio },
  { key: 'gjRatio', concept: BM.ctraGjRatio },
] as const;

/** The items of an accepted bone analysis. */
export function boneAnalysisItems(analysis: BoneAnalysisSummary, deidentified: boolean): Item[] {
  const algorithm = algorithmItems(analysis.method);
  const items: Item[] = RATIOS.map(({ key, concept }) =>
    num('CONTAINS', concept, analysis.rigidity[key], UNITS.noUnits, [coded('HAS CONCEPT MOD', SR.measurementMethod, BM.computed), ...algorithm], SR.valueUnknown),
  );
  items.push(coded('CONTAINS', BM.ctraFlag, analysis.rigidity.flagged ? SR.yes : SR.no, algorithm));
  if (!deidentified) items.push(text('CONTAINS', BM.boneAnalysis, JSON.stringify(analysis)));
  return items;
}

function missingFlag(): never {
  throw new AppError('unsupported', "The report's bone analysis has no rigidity flag item: it was changed by another tool. Re-export it from BoneMet Review.");
}

/**
 * The bone analysis of a Measurement Group: the JSON summary with the ratios, flag and method the
 * standard items hold put over it (so that an item changed by another tool shows as a disagreement
 * with the stored record), or null when the group holds no summary.
 */
export function readBoneAnalysis(group: ContentNode): BoneAnalysisSummary | null {
  const json = stringOf(childNamed(group, BM.boneAnalysis, 'TEXT'), 'TextValue');
  if (json === undefined) return null;
  let summary: BoneAnalysisSummary;
  try {
    summary = BoneAnalysisSummarySchema.parse(JSON.parse(json));
  } catch (error) {
    throw new AppError('unsupported', `The report's bone analysis summary is not one BoneMet Review wrote: ${(error as Error).message}`);
  }
  const ratio = (concept: (typeof RATIOS)[number]['concept']) => {
    const node = childNamed(group, concept, 'NUM');
    return node ? numberOf(node) : null;
  };
  const flag = codeValueOf(childNamed(group, BM.ctraFlag, 'CODE') ?? {});
  const ea = childNamed(group, BM.ctraEaRatio, 'NUM');
  return {
    ...summary,
    method: (ea && readAlgorithm(ea)) ?? summary.method,
    rigidity: {
      ...summary.rigidity,
      eaRatio: ratio(BM.ctraEaRatio),
      eiMinRatio: ratio(BM.ctraEiMinRatio),
      gjRatio: ratio(BM.ctraGjRatio),
      flagged: isCode(flag, SR.yes) ? true : isCode(flag, SR.no) ? false : missingFlag(),
    },
  };
}
