import type { ReactNode } from 'react';
import './pacs.css';
import { studiesHref, worklistHref } from '../../app/routes';
import { RetrieveProgressView } from './RetrieveProgressView';
import { useStudyOnDemand } from './use-study-on-demand';

interface StudyOnDemandProps {
  studyUid: string;
  seriesUid: string;
  /** What needs the series' images (the viewer): shown once they are all here. */
  children: ReactNode;
}

/**
 * Shows `children` once the series' images are on this workstation, retrieving them from the
 * configured PACS first when they are not (with progress and Cancel); when that cannot be done,
 * says why and what to do instead of opening an empty viewer.
 */
export function StudyOnDemand({ studyUid, seriesUid, children }: StudyOnDemandProps) {
  const { onDemand, retry } = useStudyOnDemand(studyUid, seriesUid);
  if (onDemand.state === 'here') return <>{children}</>;
  if (onDemand.state === 'checking') return <p className="muted viewer-starting">Looking for the images on this workstation…</p>;
  if (onDemand.state === 'retrieving') {
    return (
      <div className="study-on-demand" data-testid="study-on-demand" data-state="retrieving">
        <p>The images of this study are not on this workstation: retrieving them from the PACS.</p>
        {onDemand.status ? <RetrieveProgressView status={onDemand.status} /> : <p className="muted">Asking the PACS…</p>}
      </div>
    );
  }
  return (
    <div className="study-on-demand" role="alert" data-testid="study-on-demand" data-state="failed">
      <p>The images of this study are not on this workstation, and they could not be retrieved from the PACS.</p>
      <p className="inline-error" data-testid="study-on-demand-reason">
        {onDemand.reason}
      </p>
      <p>
        Set or check the PACS in PACS settings (the gear in the header), then try again, or import the study from a folder. Study Instance UID: <code>{studyUid}</code>
      </p>
      <p>
        <button type="button" onClick={retry} data-testid="study-on-demand-retry">
          Try again
        </button>{' '}
        <a href={worklistHref}>Go to the worklist</a> · <a href={studiesHref}>Go to the study list</a>
      </p>
    </div>
  );
}
