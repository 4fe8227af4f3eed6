import { smallerEigenvalue2 } from '../math/principal-axes';
import { RAY_COUNT } from '../cortex/ray-profile';
import type { SectionGrid, SectionImage } from '../section/sample-section';
import { modulusAt, type ModulusTable } from './modulus';

/** Axial, minimum bending and torsional rigidity of one section (N, N mm2, N mm2). */
export interface SectionRigidity {
  ea: number;
  eiMin: number;
  gj: number;
}

/** For each pixel of a section grid: the ray it lies on and its distance from the centre (mm). */
export interface PolarTable {
  grid: SectionGrid;
  ray: Uint16Array;
  radius: Float32Array;
}

/** The polar coordinates of every pixel of a grid about its centre, computed once per grid. */
export function polarTable(grid: SectionGrid): PolarTable {
  const { size, spacingMm } = grid;
  const half = (size - 1) / 2;
  const ray = new Uint16Array(size * size);
  const radius = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const u = (c - half) * spacingMm;
      const v = (r - half) * spacingMm;
      const angle = Math.atan2(v, u);
      ray[r * size + c] = (Math.round((angle < 0 ? angle + 2 * Math.PI : angle) * (RAY_COUNT / (2 * Math.PI))) % RAY_COUNT) as number;
      radius[r * size + c] = Math.hypot(u, v);
    }
  }
  return { grid, ray, radius };
}

/**
 * The section's rigidities over the pixels inside its periosteal surface (the envelope, one
 * radius per ray, plus a margin that keeps the surface's partial-volume pixels): EA = sum E dA;
 * EI-min = the smaller eigenvalue of the modulus-weighted second-moment tensor about the
 * modulus-weighted centroid (as BoneJ's PolarMoments2D); GJ = sum G r^2 dA about that centroid,
 * G = E / (2 (1 + nu)). E in MPa and areas in mm2 give N and N mm2.
 * @param image - the section, centred where the polar table is
 */
export function sectionRigidity(image: SectionImage, table: PolarTable, envelope: Float32Array, marginMm: number, moduli: ModulusTable, poissonRatio: number): SectionRigidity {
  const { size, spacingMm } = table.grid;
  if (image.size !== size) throw new RangeError('section image and polar table differ in size');
  const half = (size - 1) / 2;
  const area = spacingMm * spacingMm;
  let w = 0, wu = 0, wv = 0, wuu = 0, wvv = 0, wuv = 0;
  for (let r = 0; r < size; r++) {
    const v = (r - half) * spacingMm;
    for (let c = 0; c < size; c++) {
      const n = r * size + c;
      if (table.radius[n]! > envelope[table.ray[n]!]! + marginMm) continue;
      const e = modulusAt(moduli, image.values[n]!) * area;
      if (e === 0) continue;
      const u = (c - half) * spacingMm;
      w += e;
      wu += e * u;
      wv += e * v;
      wuu += e * u * u;
      wvv += e * v * v;
      wuv += e * u * v;
    }
  }
  if (w === 0) return { ea: 0, eiMin: 0, gj: 0 };
  const mu = wu / w;
  const mv = wv / w;
  const iuu = wuu - w * mu * mu;
  const ivv = wvv - w * mv * mv;
  const iuv = wuv - w * mu * mv;
  return { ea: w, eiMin: Math.max(0, smallerEigenvalue2(iuu, iuv, ivv)), gj: (iuu + ivv) / (2 * (1 + poissonRatio)) };
}
