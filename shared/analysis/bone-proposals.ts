import type { AnalysisSection, ComputedProvenance, MeasuredMm } from '../lesion/measurement';
import type { BoneAnalysisResult } from './bone-analysis-result';

/** The lesion fields a bone analysis proposes a value for. */
export type ProposedField = 'circumferentialInvolvementPct' | 'axialInvolvementMm' | 'lesionWidthMm' | 'boneDiameterMm';

/** One proposed value: the field, the value with its computed provenance, and how a reader sees it. */
export interface ValueProposal {
  field: ProposedField;
  label: string;
  unit: 'mm' | '%';
  measured: MeasuredMm & { provenance: ComputedProvenance };
}

/** The proposed fields in the order the panel lists them (the Van der Linden criteria first, then Mirels' size). */
export const PROPOSED_FIELDS: readonly { field: ProposedField; label: string; unit: 'mm' | '%' }[] = [
  { field: 'circumferentialInvolvementPct', label: 'Circumferential cortical involvement', unit: '%' },
  { field: 'axialInvolvementMm', label: 'Axial cortical involvement', unit: 'mm' },
  { field: 'lesionWidthMm', label: 'Lesion width (Mirels size)', unit: 'mm' },
  { field: 'boneDiameterMm', label: 'Bone diameter, same section', unit: 'mm' },
];

/** A section of a result as a computed value's provenance names it. */
export function analysisSection(result: BoneAnalysisResult, index: number): AnalysisSection {
  const section = result.sections[index];
  if (!section) throw new RangeError(`the analysis has no section ${index}`);
  return { index, positionMm: section.position, centre: [section.centre[0], section.centre[1], section.centre[2]] };
}

/** The sections each figure was taken on (one; the first and last for the axial extent), or null when the figure is absent. */
function sectionsOf(result: BoneAnalysisResult, field: ProposedField): number[] | null {
  const on = result.takenOn;
  if (field === 'axialInvolvementMm') return on.axialInvolvementMm ? [on.axialInvolvementMm.first, on.axialInvolvementMm.last] : null;
  const index = on[field];
  return index === null ? null : [index];
}

/**
 * The values an analysis proposes, each with its provenance "computed" (method, version, sections);
 * a figure the analysis could not give (no destroyed cortex) is not proposed.
 */
export function valueProposals(result: BoneAnalysisResult): ValueProposal[] {
  return PROPOSED_FIELDS.flatMap(({ field, label, unit }) => {
    const value = result[field];
    const sections = sectionsOf(result, field);
    if (value === null || sections === null) return [];
    const clamped = unit === '%' ? Math.min(100, Math.max(0, value)) : Math.max(0, value);
    return [
      {
        field,
        label,
        unit,
        measured: {
          value: clamped,
          provenance: { source: 'computed', method: { ...result.method }, sections: sections.map((i) => analysisSection(result, i)) },
        },
      },
    ];
  });
}
