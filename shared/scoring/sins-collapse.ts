import type { Lesion } from '../lesion/lesion';
import type { VertebralCollapse } from '../lesion/categories';
import { SINS } from './thresholds';
import { formatNumber } from './format';
import { categoryLabel } from './tables';
import { scoreMissingInput } from './input-names';

/** The SINS collapse category as recorded or derived, the categories still possible when it is not known, and what is missing. */
export interface SinsCollapse {
  category: VertebralCollapse | null;
  candidates: VertebralCollapse[];
  value: string | null;
  /** The missing input to name while the category is open, or null when it is known. */
  missingInput: string | null;
}

const EVERY_CATEGORY: VertebralCollapse[] = ['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'];

/**
 * The categories a measured height loss allows (> 50% -> "> 50%", a loss under 50% -> "< 50%"). The
 * table (Fisher 2010, CLINICAL.md) scores "> 50%" and "< 50%" only, so a measured 50% exactly is
 * either; a measured 0% cannot tell "no collapse, > 50% of the body involved" (1) from "none of
 * these" (0), so it leaves those two open.
 */
function measuredCategories(pct: number): { candidates: VertebralCollapse[]; open: string | null } {
  if (pct > SINS.collapsePct) return { candidates: ['over-50'], open: null };
  if (pct === SINS.collapsePct) {
    return { candidates: ['over-50', 'under-50'], open: `vertebral body collapse (a measured ${SINS.collapsePct}% is neither > ${SINS.collapsePct}% nor < ${SINS.collapsePct}%)` };
  }
  // 0 is a boundary too: any loss above it is "< 50% collapse", none is "no collapse".
  if (pct > 0) return { candidates: ['under-50'], open: null };
  return { candidates: ['none-over-50-involved', 'none-of-these'], open: 'body involvement > 50% (no collapse measured)' };
}

/**
 * SINS vertebral body collapse [img/read]: the reader's category, or the category a measured height
 * loss allows. When both are recorded and the measurement rules the category out, neither is
 * taken as the truth: the component spans both until the reader settles it (a score never claims
 * more certainty than its inputs allow, and the worst of the two raises the urgency).
 */
export function sinsCollapse(lesion: Lesion): SinsCollapse {
  const { collapse, collapsePct } = lesion.spine;
  if (collapsePct === null) {
    if (collapse !== null) return { category: collapse, candidates: [collapse], value: null, missingInput: null };
    return { category: null, candidates: EVERY_CATEGORY, value: null, missingInput: scoreMissingInput('vertebralBodyCollapse') };
  }
  const pct = collapsePct.value;
  const value = `${formatNumber(pct, 0, SINS.collapsePct)}% height loss`;
  const measured = measuredCategories(pct);
  if (collapse !== null) {
    if (measured.candidates.includes(collapse)) return { category: collapse, candidates: [collapse], value: null, missingInput: null };
    return {
      category: null,
      candidates: [collapse, ...measured.candidates],
      value,
      missingInput: `vertebral body collapse (the category recorded, ${categoryLabel(collapse)}, disagrees with the measured ${value})`,
    };
  }
  if (measured.open === null) return { category: measured.candidates[0]!, candidates: measured.candidates, value, missingInput: null };
  return { category: null, candidates: measured.candidates, value, missingInput: measured.open };
}
