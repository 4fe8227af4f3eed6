import { RAY_COUNT } from './ray-profile';

/** A connected region of destroyed cortex over the sections (rows) and rays (columns, wrapping round). */
export interface LabelledRegion {
  id: number;
  firstSection: number;
  lastSection: number;
  cellCount: number;
  areaMm2: number;
}

/** Regions smaller than this (mm2 of cortical surface) are noise, not destruction. */
export const MIN_REGION_AREA_MM2 = 4;

/**
 * Labels the connected regions of destroyed rays: cells (section k, ray m) are 8-connected,
 * and ray 359 neighbours ray 0. Regions under MIN_REGION_AREA_MM2 are dropped (label -1).
 * @param destroyed - per section, 1 for each destroyed ray
 * @param cellAreaMm2 - the cortical surface one ray of section k stands for
 * @returns per section the label of each ray (-1: intact or noise), and the regions kept, ids from 0
 */
export function labelRegions(destroyed: readonly Uint8Array[], cellAreaMm2: (k: number) => number): { labels: Int32Array[]; regions: LabelledRegion[] } {
  const sections = destroyed.length;
  const labels = destroyed.map(() => new Int32Array(RAY_COUNT).fill(-1));
  const regions: LabelledRegion[] = [];
  const cells: number[] = [];
  let provisional = 0;
  for (let k0 = 0; k0 < sections; k0++) {
    for (let m0 = 0; m0 < RAY_COUNT; m0++) {
      if (!destroyed[k0]![m0] || labels[k0]![m0] !== -1) continue;
      const id = provisional++;
      cells.length = 0;
      const stack = [k0, m0];
      labels[k0]![m0] = id;
      let first = k0;
      let last = k0;
      let area = 0;
      while (stack.length > 0) {
        const m = stack.pop()!;
        const k = stack.pop()!;
        cells.push(k, m);
        area += cellAreaMm2(k);
        first = Math.min(first, k);
        last = Math.max(last, k);
        for (let dk = -1; dk <= 1; dk++) {
          const kk = k + dk;
          if (kk < 0 || kk >= sections) continue;
          for (let dm = -1; dm <= 1; dm++) {
            const mm = (m + dm + RAY_COUNT) % RAY_COUNT;
            if (!destroyed[kk]![mm] || labels[kk]![mm] !== -1) continue;
            labels[kk]![mm] = id;
            stack.push(kk, mm);
          }
        }
      }
      // Provisional ids never collide with kept ones: kept regions are renumbered below.
      if (area < MIN_REGION_AREA_MM2) {
        for (let n = 0; n < cells.length; n += 2) labels[cells[n]!]![cells[n + 1]!] = -2;
        continue;
      }
      regions.push({ id, firstSection: first, lastSection: last, cellCount: cells.length / 2, areaMm2: area });
    }
  }
  const renumber = new Map(regions.map((r, n) => [r.id, n]));
  for (const row of labels) for (let m = 0; m < RAY_COUNT; m++) row[m] = renumber.get(row[m]!) ?? -1;
  return { labels, regions: regions.map((r, n) => ({ ...r, id: n })) };
}
