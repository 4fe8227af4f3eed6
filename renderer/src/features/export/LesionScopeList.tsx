import { getBone, getRegion } from '@shared/anatomy/catalogue';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { urgencyLabel } from '@shared/scoring/urgency-level';

interface LesionScopeListProps {
  /** The study's lesions, every reader's; undefined while loading. */
  lesions: ScoredLesion[] | undefined;
  /** The lesions ticked, or null for every lesion of the study. */
  chosen: ReadonlySet<string> | null;
  onChange(chosen: ReadonlySet<string> | null): void;
}

function place(scored: ScoredLesion): string {
  const { lesion } = scored;
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId)?.name : undefined;
  return [getBone(lesion.boneId)?.name ?? lesion.boneId, region, lesion.laterality].filter(Boolean).join(', ');
}

/** Which lesions of the study an export carries: every one by default, or those left ticked. */
export function LesionScopeList({ lesions, chosen, onChange }: LesionScopeListProps) {
  if (!lesions) return <p className="muted">Listing the lesions…</p>;
  const all = lesions;
  if (all.length === 0) return <p className="inline-error" data-testid="export-no-lesions">This study has no saved lesions: mark and save lesions before exporting them.</p>;
  const isChosen = (id: string) => chosen === null || chosen.has(id);
  const toggle = (id: string) => {
    const next = new Set(all.map((s) => s.lesion.id).filter(isChosen));
    if (!next.delete(id)) next.add(id);
    // Every lesion ticked again means "the whole study", so lesions saved later are included too.
    onChange(next.size === all.length ? null : next);
  };
  return (
    <fieldset className="export-lesions" data-testid="export-lesions">
      <legend>Lesions ({chosen === null ? `all ${all.length}` : `${chosen.size} of ${all.length}`})</legend>
      {all.map((s) => (
        <label key={s.lesion.id} className="check-option">
          <input type="checkbox" checked={isChosen(s.lesion.id)} onChange={() => toggle(s.lesion.id)} data-testid="export-lesion" data-lesion-id={s.lesion.id} />
          {place(s)} · {s.lesion.nature ?? 'nature not recorded'} · {urgencyLabel(s.scores.urgency.level)} · {s.lesion.reader}
        </label>
      ))}
    </fieldset>
  );
}
