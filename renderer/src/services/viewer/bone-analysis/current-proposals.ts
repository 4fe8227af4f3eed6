import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { analysisSection, valueProposals, type ValueProposal } from '@shared/analysis/bone-proposals';
import type { MeasuredMm } from '@shared/lesion/measurement';
import type { ProposedArc } from './proposal-arcs';

/** A proposed value as the panel shows it: computed, or measured from an arc the reader edited. */
export interface CurrentProposal extends Omit<ValueProposal, 'measured'> {
  measured: MeasuredMm;
  /** True when the value comes from an edited arc (its provenance is then that annotation). */
  edited: boolean;
}

/**
 * The proposals with the reader's edits: circumferential involvement is the largest share of the
 * circumference destroyed on any involved section, each section's as computed unless the reader
 * edited an arc drawn on it, then its arcs as measured; when the largest is such a section, the
 * value is measured from its edited arc (provenance "annotation", as for any drawn arc). The other
 * figures are not edited by an arc and stay as computed.
 */
export function currentProposals(result: BoneAnalysisResult, arcs: readonly ProposedArc[], edited: ReadonlyMap<string, number>): CurrentProposal[] {
  const proposals: CurrentProposal[] = valueProposals(result).map((p) => ({ ...p, edited: false }));
  if (edited.size === 0) return proposals;
  const bySection = new Map<number, ProposedArc[]>();
  for (const arc of arcs) bySection.set(arc.sectionIndex, [...(bySection.get(arc.sectionIndex) ?? []), arc]);
  let best: { pct: number; section: number; annotationId: string | null } | null = null;
  for (const [section, sectionArcs] of bySection) {
    const pct = Math.min(100, sectionArcs.reduce((sum, arc) => sum + (edited.get(arc.annotationUid) ?? arc.computedPct), 0));
    const annotationId = sectionArcs.find((arc) => edited.has(arc.annotationUid))?.annotationUid ?? null;
    if (!best || pct > best.pct) best = { pct, section, annotationId };
  }
  const computedWorst = result.circumferentialInvolvementPct ?? 0;
  const circumferential = proposals.find((p) => p.field === 'circumferentialInvolvementPct');
  if (!best || !circumferential) return proposals;
  if (best.annotationId) {
    circumferential.measured = { value: best.pct, provenance: { source: 'annotation', annotationId: best.annotationId } };
    circumferential.edited = true;
  } else if (best.pct > computedWorst) {
    // An edit elsewhere made another section the worst: its computed value, on that section.
    circumferential.measured = { value: best.pct, provenance: { source: 'computed', method: { ...result.method }, sections: [analysisSection(result, best.section)] } };
  }
  return proposals;
}

/** The sections whose drawn arcs are kept with accepted values: those nearest the worst and the first and last involved sections. */
export function keptSections(result: BoneAnalysisResult, arcs: readonly ProposedArc[]): Set<number> {
  const drawn = [...new Set(arcs.map((a) => a.sectionIndex))];
  const nearest = (target: number | null | undefined) =>
    target === null || target === undefined || drawn.length === 0 ? [] : [drawn.reduce((a, b) => (Math.abs(b - target) < Math.abs(a - target) ? b : a))];
  const axial = result.takenOn.axialInvolvementMm;
  return new Set([...nearest(result.takenOn.circumferentialInvolvementPct), ...nearest(axial?.first), ...nearest(axial?.last)]);
}
