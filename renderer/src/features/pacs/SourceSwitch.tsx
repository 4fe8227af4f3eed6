import './pacs.css';
import { useState } from 'react';

/** Where the study browser looks: this workstation's index, or the configured PACS. */
export type StudySource = 'local' | 'pacs';

// Kept for the page's life: coming back from a study opened from the PACS returns to the PACS search.
let remembered: StudySource = 'local';

/** The study browser's source, remembered while the page lives. */
export function useStudySource(): [StudySource, (source: StudySource) => void] {
  const [source, setSource] = useState<StudySource>(remembered);
  return [source, (next) => setSource((remembered = next))];
}

/** Two tabs: "This workstation" and "PACS". */
export function SourceSwitch({ source, onChange }: { source: StudySource; onChange(source: StudySource): void }) {
  const tab = (value: StudySource, label: string) => (
    <button type="button" role="tab" aria-selected={source === value} className={source === value ? 'tab selected' : 'tab'} onClick={() => onChange(value)} data-testid={`source-${value}`}>
      {label}
    </button>
  );
  return (
    <div className="source-switch" role="tablist" aria-label="Where to look for studies">
      {tab('local', 'This workstation')}
      {tab('pacs', 'PACS')}
    </div>
  );
}
