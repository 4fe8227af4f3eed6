import type { Lesion } from '../lesion/lesion';
import type { VertebralCollapse } from '../lesion/categories';
import { SINS } from './thresholds';
import { formatNumber } from './format';

/** The SINS collapse category as recorded or derived, the categories still possible when it is not known, and what is missing. */
export interface SinsCollapse {
  category: VertebralCollapse | null;
  candidates: VertebralCollapse[];
  value: string | null;
  /** The missing input to name while the category is open, or null when it is known. */
  missingInput: string | null;
}

/**
 * SINS vertebral body collapse: the reader's category when recorded; otherwise
 * derived from a measured height loss (> 50% -> "> 50%", a loss under 50% ->
 * "< 50%"). The table (Fisher 2010, CLINICAL.md) scores "> 50%" and "< 50%" only,
 * so a measured 50% exactly is either until the reader chooses the category. A
 * measured 0% cannot tell "no collapse, > 50% of the body involved" (1) from
 * "none of these" (0), so it leaves those two open.
 */
export function sinsCollapse(lesion: Lesion): SinsCollapse {
  const { collapse, collapsePct } = lesion.spine;
  if (collapse !== null) return { category: collapse, candidates: [collapse], value: null, missingInput: null };
  if (collapsePct === null) {
    return { category: null, candidates: ['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'], value: null, missingInput: 'vertebral body collapse' };
  }
  const pct = collapsePct.value;
  // 0 is a boundary too: any loss above it is "< 50% collapse", none is "no collapse".
  const value = `${formatNumber(pct, 0, SINS.collapsePct)}% height loss`;
  const known = (category: VertebralCollapse): SinsCollapse => ({ category, candidates: [category], value, missingInput: null });
  if (pct > SINS.collapsePct) return known('over-50');
  if (pct === SINS.collapsePct) {
    return { category: null, candidates: ['over-50', 'under-50'], value, missingInput: `vertebral body collapse (a measured ${SINS.collapsePct}% is neither > ${SINS.collapsePct}% nor < ${SINS.collapsePct}%)` };
  }
  if (pct > 0) return known('under-50');
  return { category: null, candidates: ['none-over-50-involved', 'none-of-these'], value, missingInput: 'body involvement > 50% (no collapse measured)' };
}
