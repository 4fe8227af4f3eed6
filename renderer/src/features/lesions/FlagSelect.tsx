interface FlagSelectProps {
  label: string;
  value: boolean | null;
  disabled: boolean;
  testId: string;
  onChange(value: boolean | null): void;
}

/** A yes / no / not known choice (null is never "no"). */
export function FlagSelect({ label, value, disabled, testId, onChange }: FlagSelectProps) {
  return (
    <label className="flag-select">
      {label}
      <select value={value === null ? '' : value ? 'yes' : 'no'} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')} data-testid={testId}>
        <option value="">not known</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    </label>
  );
}

interface ChoiceSelectProps<T extends string> {
  label: string;
  value: T | null;
  options: readonly T[];
  disabled: boolean;
  testId: string;
  onChange(value: T | null): void;
}

/** One of a coded category's values, or not recorded. */
export function ChoiceSelect<T extends string>({ label, value, options, disabled, testId, onChange }: ChoiceSelectProps<T>) {
  return (
    <label className="flag-select">
      {label}
      <select value={value ?? ''} disabled={disabled} onChange={(e) => onChange((e.target.value || null) as T | null)} data-testid={testId}>
        <option value="">not recorded</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
