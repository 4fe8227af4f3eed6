import type { BoneAnalysis } from '../../services/viewer/bone-analysis/bone-analysis';
import { useExternalStore } from '../../app/use-external-store';
import './bone-analysis.css';

const STAGES = { reading: 'reading the series', 'finding-bone': 'finding the bone', sections: 'measuring the sections', contralateral: 'the other side', done: 'done' } as const;

/** The bone analysis under way (progress and Cancel), its refusal, or what it proposes and where to decide. */
export function BoneAnalysisStatus({ analysis }: { analysis: BoneAnalysis }) {
  const { phase, progress, error, result, proposals, decisions } = useExternalStore(analysis.state);
  const open = [...proposals.map((p) => p.field), 'rigidity' as const].filter((key) => !decisions[key]).length;
  if (phase === 'idle') return null;
  return (
    <section className="bone-analysis-status" aria-label="Bone analysis" data-testid="bone-analysis-status" data-phase={phase}>
      {phase === 'running' && (
        <>
          <span className="small">Analyzing bone: {progress ? `${STAGES[progress.stage]}, ${Math.round(progress.fraction * 100)}%` : 'starting'}</span>
          <progress max={1} value={progress?.fraction ?? 0} data-testid="bone-analysis-progress" />
          <button type="button" onClick={() => analysis.cancel()} data-testid="bone-analysis-cancel">
            Cancel
          </button>
        </>
      )}
      {phase === 'failed' && (
        <p className="form-problem" role="alert" data-testid="bone-analysis-error">
          {error}
        </p>
      )}
      {phase === 'cancelled' && <p className="small muted">The bone analysis was cancelled.</p>}
      {phase === 'done' && result && (
        <p className="small" data-testid="bone-analysis-done">
          {result.method.algorithmName} v{result.method.algorithmVersion}:{' '}
          {open > 0
            ? `${proposals.length} value(s) and the rigidity (experimental) proposed; ${open} to decide in the lesion's form (New lesion, or open one).`
            : 'every proposal decided.'}
        </p>
      )}
    </section>
  );
}
