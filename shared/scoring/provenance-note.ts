import type { MeasuredMm, MeasurementProvenance } from '../lesion/measurement';
import { formatNumber } from './format';

/**
 * Where a computed value came from, in the words a reason carries: "computed by <method> v<version>
 * on the section at z = -0.75 mm" (or "on the sections from z = a to z = b mm" for an axial extent).
 * Empty for a measured or typed value, whose reason reads as before.
 */
export function computedSource(provenance: MeasurementProvenance): string {
  if (provenance.source !== 'computed') return '';
  const { method, sections } = provenance;
  const zs = sections.map((s) => formatNumber(s.centre[2]));
  const where = sections.length > 1 && zs[0] !== zs[zs.length - 1] ? `the sections from z = ${zs[0]} to z = ${zs[zs.length - 1]} mm` : `the section at z = ${zs[0]} mm`;
  return `computed by ${method.algorithmName} v${method.algorithmVersion} on ${where}`;
}

/** " (computed by ...)" after a value used in a reason, or nothing when the value was measured or typed. */
export function sourceSuffix(value: MeasuredMm | null | undefined): string {
  const text = value ? computedSource(value.provenance) : '';
  return text ? ` (${text})` : '';
}
