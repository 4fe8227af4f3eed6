import { useState } from 'react';
import type { MenuExportKind } from '@shared/export/export-job';
import { errorMessage } from '../../api/api-error';
import { call } from '../../api/client';
import { useLoaded } from '../../app/use-call';
import { Dialog } from '../../components/Dialog';
import { DestinationField } from './DestinationField';
import { EXPORT_KINDS } from './export-kinds';
import { DEFAULT_CHOICES, ExportOptionsForm, exportRequest, type ExportChoices } from './ExportOptionsForm';
import { ExportProgressView } from './ExportProgressView';
import { ExportResultView } from './ExportResultView';
import { LesionScopeList } from './LesionScopeList';
import { useExportJob } from './use-export-job';
import './export.css';

interface ExportDialogProps {
  kind: MenuExportKind;
  studyInstanceUids: string[];
  /** Who or what is exported, in words ("DOE, JANE · CT thighs", "3 studies"). */
  subject: string;
  pacsUrl: string | null;
  onClose(): void;
}

/** One export from the UI: its options and folder, then its progress with Cancel, then its result. */
export function ExportDialog({ kind, studyInstanceUids, subject, pacsUrl, onClose }: ExportDialogProps) {
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_CHOICES);
  const [destination, setDestination] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [lesionIds, setLesionIds] = useState<ReadonlySet<string> | null>(null);
  // Lesions are chosen for the per-study exports of one study; a dataset takes whole studies.
  const perLesion = kind !== 'dataset' && studyInstanceUids.length === 1;
  const lesions = useLoaded(perLesion ? () => call('lesions.list', { studyInstanceUid: studyInstanceUids[0]!, allReaders: true }) : null, [perLesion, studyInstanceUids[0]], 'Listing the lesions failed');
  // Every per-study export carries lesions: with none saved there is nothing to export.
  const lesionsReady = !perLesion || (lesions.value !== undefined && lesions.value.length > 0);
  const job = useExportJob();
  const needsFolder = kind !== 'stow';
  const running = job.started && (!job.status || job.status.state === 'running');
  const finished = job.status !== null && job.status.state !== 'running';
  const destinationField = needsFolder && !job.started && (
    <DestinationField value={destination} onChange={setDestination} browsing={browsing} onBrowsing={setBrowsing} />
  );
  if (browsing) return destinationField;
  const canStart = !job.started && !job.starting && (!needsFolder || destination.trim() !== '') && lesionsReady && (lesionIds === null || lesionIds.size > 0);
  return (
    <Dialog
      title={`${EXPORT_KINDS[kind].label}: ${subject}`}
      // Closing a running export's dialog would hide a job that goes on: cancel it first.
      onClose={running ? () => undefined : onClose}
      testId="export-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={running} data-testid="export-close">
            {finished ? 'Close' : 'Cancel'}
          </button>
          {finished && job.status?.state !== 'done' && (
            <button type="button" onClick={job.reset} data-testid="export-retry">
              Change options and retry
            </button>
          )}
          {!job.started && (
            <button type="button" className="primary" disabled={!canStart} onClick={() => job.start(exportRequest(kind, studyInstanceUids, choices, destination.trim(), lesionIds && [...lesionIds]))} data-testid="export-start">
              {kind === 'stow' ? 'Send' : 'Export'}
            </button>
          )}
        </>
      }
    >
      <p className="muted">Writes {EXPORT_KINDS[kind].writes}.</p>
      {!job.started && <ExportOptionsForm kind={kind} choices={choices} onChange={setChoices} pacsUrl={pacsUrl} />}
      {!job.started && perLesion && <LesionScopeList lesions={lesions.value} chosen={lesionIds} onChange={setLesionIds} />}
      {destinationField}
      {job.problem !== null && (
        <p className="inline-error" role="alert" data-testid="export-problem">
          {errorMessage(job.problem)}
        </p>
      )}
      {running && <ExportProgressView status={job.status} cancelling={job.cancelling} onCancel={job.cancel} />}
      {finished && job.status && <ExportResultView status={job.status} />}
    </Dialog>
  );
}
