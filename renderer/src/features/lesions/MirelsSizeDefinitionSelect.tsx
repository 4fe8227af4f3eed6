import { MirelsSizeDefinitionSchema, type MirelsSizeDefinition } from '@shared/lesion/lesion';

const LABELS: Record<MirelsSizeDefinition, string> = {
  'width-over-diameter': 'lesion width / bone diameter (default)',
  'circumferential-fraction': 'circumferential involvement (CT)',
};

interface MirelsSizeDefinitionSelectProps {
  value: MirelsSizeDefinition;
  disabled: boolean;
  onChange(value: MirelsSizeDefinition): void;
}

/**
 * The measurement Mirels' size reads on this lesion: an explicit choice, stored with the lesion and
 * printed with the score, because a missing width or diameter must never be filled in silence.
 */
export function MirelsSizeDefinitionSelect({ value, disabled, onChange }: MirelsSizeDefinitionSelectProps) {
  return (
    <label className="flag-select">
      Mirels size from
      <select value={value} disabled={disabled} onChange={(e) => onChange(MirelsSizeDefinitionSchema.parse(e.target.value))} data-testid="mirels-size-definition">
        {MirelsSizeDefinitionSchema.options.map((o) => (
          <option key={o} value={o}>
            {LABELS[o]}
          </option>
        ))}
      </select>
    </label>
  );
}
