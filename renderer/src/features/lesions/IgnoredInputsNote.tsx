import type { IgnoredInput } from '@shared/scoring/ignored-inputs';

/** The recorded values no score reads for this bone, each with why: kept visible, never dropped in silence. */
export function IgnoredInputsNote({ ignored }: { ignored: readonly IgnoredInput[] }) {
  if (ignored.length === 0) return null;
  return (
    <section className="ignored-inputs" aria-label="Recorded but not used by any score" data-testid="ignored-inputs">
      <p className="small">
        <strong>Recorded, but no score for this bone uses:</strong>
      </p>
      <ul className="small">
        {ignored.map((i) => (
          <li key={i.field} data-field={i.field}>
            {i.input} ({i.value}): {i.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
