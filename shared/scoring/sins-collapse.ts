import type { Lesion } from '../lesion/lesion';
import type { VertebralCollapse } from '../lesion/categories';
import { SINS } from './thresholds';
import { formatNumber } from './format';

/** The SINS collapse category as recorded or derived, and the categories still possible when it is not known. */
export interface SinsCollapse {
  category: VertebralCollapse | null;
  candidates: VertebralCollapse[];
  value: string | null;
}

/**
 * SINS vertebral body collapse: the reader's category when recorded; otherwise
 * derived from a measured height loss (> 50% -> "> 50%", any other loss ->
 * "< 50%"). A measured 0% cannot tell "no collapse, > 50% of the body involved"
 * (1) from "none of these" (0), so it leaves those two open.
 */
export function sinsCollapse(lesion: Lesion): SinsCollapse {
  const { collapse, collapsePct } = lesion.spine;
  if (collapse !== null) return { category: collapse, candidates: [collapse], value: null };
  if (collapsePct === null) {
    return { category: null, candidates: ['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'], value: null };
  }
  const pct = collapsePct.value;
  const value = `${formatNumber(pct, SINS.collapsePct)}% height loss`;
  if (pct > SINS.collapsePct) return { category: 'over-50', candidates: ['over-50'], value };
  if (pct > 0) return { category: 'under-50', candidates: ['under-50'], value };
  return { category: null, candidates: ['none-over-50-involved', 'none-of-these'], value };
}
