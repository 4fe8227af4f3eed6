import type { ExportJobRequest, MenuExportKind } from '@shared/export/export-job';

/** The options every kind may have, as the dialog holds them before building the request. */
export interface ExportChoices {
  purpose: 'clinical' | 'non-clinical';
  includeAll: boolean;
  dateShift: boolean;
  nifti: boolean;
  sendToPacs: boolean;
}

export const DEFAULT_CHOICES: ExportChoices = { purpose: 'clinical', includeAll: false, dateShift: false, nifti: false, sendToPacs: true };

/**
 * The request a kind, its studies, its options and its destination make.
 * @param lesionIds - only these lesions, or null for every lesion (the research dataset always takes whole studies)
 */
export function exportRequest(kind: MenuExportKind, studyInstanceUids: string[], choices: ExportChoices, destination: string, lesionIds: string[] | null): ExportJobRequest {
  const scope = { studyInstanceUids, ...(lesionIds ? { lesionIds } : {}) };
  switch (kind) {
    case 'referral':
      return { kind, ...scope, purpose: choices.purpose, includeAll: choices.includeAll, destination };
    case 'fhir':
      return { kind, ...scope, includeAll: choices.includeAll, destination };
    case 'csv':
    case 'json':
    case 'seg':
      return { kind, ...scope, destination };
    case 'sr':
      return { kind, ...scope, sendToPacs: choices.sendToPacs, destination };
    case 'dataset':
      return { kind, studyInstanceUids, dateShift: choices.dateShift, nifti: choices.nifti, destination };
    case 'stow':
      return { kind, ...scope };
  }
}

interface ExportOptionsFormProps {
  kind: MenuExportKind;
  choices: ExportChoices;
  onChange(choices: ExportChoices): void;
  /** The configured PACS's URL, or null. */
  pacsUrl: string | null;
}

function Check({ checked, onChange, label, testId }: { checked: boolean; onChange(v: boolean): void; label: string; testId: string }) {
  return (
    <label className="check-option">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} /> {label}
    </label>
  );
}

/** The options of one export kind. */
export function ExportOptionsForm({ kind, choices, onChange, pacsUrl }: ExportOptionsFormProps) {
  const set = (patch: Partial<ExportChoices>) => onChange({ ...choices, ...patch });
  return (
    <fieldset className="export-options" data-testid="export-options">
      {kind === 'referral' && (
        <div className="radio-row" role="radiogroup" aria-label="Packet for">
          <label className="check-option">
            <input type="radio" name="purpose" checked={choices.purpose === 'clinical'} onChange={() => set({ purpose: 'clinical' })} data-testid="export-purpose-clinical" /> For clinical use
            (patient named on every page and key image)
          </label>
          <label className="check-option">
            <input type="radio" name="purpose" checked={choices.purpose === 'non-clinical'} onChange={() => set({ purpose: 'non-clinical' })} data-testid="export-purpose-anonymised" />{' '}
            Anonymised (no patient name, ID, dates, accession, UIDs or free-text notes)
          </label>
        </div>
      )}
      {(kind === 'referral' || kind === 'fhir') && (
        <Check checked={choices.includeAll} onChange={(v) => set({ includeAll: v })} label="Every lesion, not only those above routine urgency or that could be" testId="export-include-all" />
      )}
      {kind === 'dataset' && (
        <>
          <Check checked={choices.dateShift} onChange={(v) => set({ dateShift: v })} label="Shift dates per patient instead of removing them" testId="export-date-shift" />
          <Check checked={choices.nifti} onChange={(v) => set({ nifti: v })} label="Also write NIfTI: every series' image, with a label map where lesions are drawn" testId="export-nifti" />
        </>
      )}
      {kind === 'sr' &&
        (pacsUrl ? (
          <Check checked={choices.sendToPacs} onChange={(v) => set({ sendToPacs: v })} label={`Also send it to the PACS (${pacsUrl})`} testId="export-send-to-pacs" />
        ) : (
          <p className="muted">No PACS is configured: the SR is written to the folder only.</p>
        ))}
      {kind === 'stow' && <p>Sends to {pacsUrl ?? '(no PACS configured)'}.</p>}
    </fieldset>
  );
}
