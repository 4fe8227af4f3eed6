import type { WorklistReader } from '@shared/worklist/worklist';

interface ReaderFilterProps {
  /** The chosen reader's initials, or '' for all readers. */
  value: string;
  /** The readers who have lesions; undefined while they load. */
  readers: readonly WorklistReader[] | undefined;
  onChange(initials: string): void;
}

/** The reader filter: all readers, or one of those who have lesions, by initials and name. */
export function ReaderFilter({ value, readers, onChange }: ReaderFilterProps) {
  // A reader chosen earlier whose lesions are gone stays selectable, and says so, rather than vanishing.
  const unlisted = value !== '' && !readers?.some((reader) => reader.initials === value);
  return (
    <label>
      Reader{' '}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="filter-reader">
        <option value="">All readers</option>
        {readers?.map((reader) => (
          <option key={reader.initials} value={reader.initials}>
            {reader.name ? `${reader.initials} · ${reader.name}` : reader.initials}
          </option>
        ))}
        {unlisted && <option value={value}>{readers ? `${value} (no lesions)` : value}</option>}
      </select>
    </label>
  );
}
