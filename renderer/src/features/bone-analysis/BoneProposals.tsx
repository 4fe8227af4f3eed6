import { RIGIDITY_LABELS } from '@shared/scoring/ctra';
import { formatNumber } from '@shared/scoring/format';
import { formatFigure } from '@shared/scoring/shown-figure';
import { computedSource } from '@shared/scoring/provenance-note';
import type { AcceptedProposals, BoneAnalysis, ProposalKey } from '../../services/viewer/bone-analysis/bone-analysis';
import { useExternalStore } from '../../app/use-external-store';
import type { LesionDraft } from '../lesions';

interface BoneProposalsProps {
  analysis: BoneAnalysis;
  draft: LesionDraft;
  edit(change: Partial<LesionDraft>): void;
}

/** The draft with accepted proposals: their values, the analysis, and the arcs kept as its drawings. */
function applied(draft: LesionDraft, accepted: AcceptedProposals): Partial<LesionDraft> {
  return {
    ...accepted.values,
    ...(accepted.boneAnalysis ? { boneAnalysis: accepted.boneAnalysis } : {}),
    attachedAnnotationIds: [...new Set([...draft.attachedAnnotationIds, ...accepted.attach])],
  };
}

/**
 * What the bone analysis proposes for the lesion being edited: each value with where it was taken
 * (or the arc the reader edited), and the rigidity verdict (experimental), each to accept or
 * reject; Accept all and Reject all decide what is left.
 */
export function BoneProposals({ analysis, draft, edit }: BoneProposalsProps) {
  const { phase, result, proposals, decisions } = useExternalStore(analysis.state);
  if (phase !== 'done' || !result) return null;
  const pending = [...proposals.map((p) => p.field), 'rigidity' as const].filter((key) => !decisions[key]);
  const accept = (keys: readonly ProposalKey[]) => edit(applied(draft, analysis.accept(keys)));
  const { rigidity } = result;
  const governing = rigidity.at?.governing;
  const lowest = governing ? { ea: rigidity.eaRatio, eiMin: rigidity.eiMinRatio, gj: rigidity.gjRatio }[governing] : null;
  const row = (key: ProposalKey, label: string, value: string, where: string) => (
    <tr key={key} data-testid={`proposal-${key}`} data-decision={decisions[key] ?? 'pending'} className={decisions[key] ? 'decided' : undefined}>
      <td>{label}</td>
      <td>
        <strong>{value}</strong>
        <div className="muted">{where}</div>
      </td>
      <td>
        {decisions[key] ?? (
          <>
            <button type="button" onClick={() => accept([key])} data-testid={`accept-${key}`}>
              Accept
            </button>
            <button type="button" onClick={() => analysis.reject([key])} data-testid={`reject-${key}`}>
              Reject
            </button>
          </>
        )}
      </td>
    </tr>
  );
  return (
    <section className="bone-proposals" aria-label="Bone analysis proposals" data-testid="bone-proposals">
      <p className="small">
        Proposed by {result.method.algorithmName} v{result.method.algorithmVersion} (drag a proposed arc with the cortex tool to correct it):
      </p>
      <table>
        <tbody>
          {proposals.map((p) =>
            row(
              p.field,
              p.label,
              `${formatFigure(p.field, p.measured.value)}${p.unit === '%' ? '%' : ` ${p.unit}`}`,
              p.edited ? 'measured on the arc you edited' : computedSource(p.measured.provenance).replace(/^computed by .* v[^ ]+ on /, 'on '),
            ),
          )}
          {row(
            'rigidity',
            'Rigidity (CTRA, experimental)',
            lowest === null || !governing ? 'no reference' : `${rigidity.flagged ? 'flagged' : 'not flagged'}: lowest ${RIGIDITY_LABELS[governing]} ratio ${formatFigure('rigidityRatio', lowest)}`,
            rigidity.at ? `at z = ${formatNumber(rigidity.at.point[2])} mm against ${result.reference.kind === 'contralateral' ? 'the contralateral bone' : result.reference.kind === 'own-sections' ? "the bone's unaffected sections" : 'no reference'}` : result.reference.note,
          )}
        </tbody>
      </table>
      {pending.length > 0 && (
        <div className="form-row">
          <button type="button" className="primary" onClick={() => accept(pending)} data-testid="accept-all-proposals">
            Accept all
          </button>
          <button type="button" onClick={() => analysis.reject(pending)} data-testid="reject-all-proposals">
            Reject all
          </button>
        </div>
      )}
    </section>
  );
}
