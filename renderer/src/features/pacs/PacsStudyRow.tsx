import { Fragment, useEffect, useRef, useState } from 'react';
import { formatPatientName } from '@shared/dicom/person-name';
import type { PacsStudyRow as Row } from '@shared/pacs/pacs-search';
import { firstSliceIndexed } from '@shared/pacs/retrieve-job';
import { errorMessage } from '../../api/api-error';
import { useIndexVersion } from '../../app/index-version';
import { navigate, viewerHref } from '../../app/routes';
import { formatDate } from '../../app/format';
import { PacsSeriesList } from './PacsSeriesList';
import { RetrieveProgressView } from './RetrieveProgressView';
import { startRetrieve, useRetrieve } from './retrieve-store';

/**
 * One study on the PACS: a click shows its series; Open retrieves it into this workstation and
 * opens the viewer on its first series as soon as that series' first slice is indexed.
 */
export function PacsStudyRow({ study }: { study: Row }) {
  const [expanded, setExpanded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const opening = useRef(false);
  const status = useRetrieve(study.studyInstanceUid);
  const { bump } = useIndexVersion();
  useEffect(() => {
    if (!status || !opening.current) return;
    if (firstSliceIndexed(status.progress)) {
      opening.current = false;
      navigate(viewerHref(study.studyInstanceUid, status.progress.series[0]!.seriesInstanceUid));
    }
  }, [status, study.studyInstanceUid]);
  const state = status?.state;
  useEffect(() => {
    // A finished retrieve changed the index: This workstation's list shows the study.
    if (state && state !== 'running') bump();
  }, [state, bump]);
  const open = () => {
    setProblem(null);
    opening.current = true;
    startRetrieve(study.studyInstanceUid, undefined, { forViewer: true }).catch((error: unknown) => {
      opening.current = false;
      setProblem(errorMessage(error));
    });
  };
  return (
    <Fragment>
      <tr className="clickable" onClick={() => setExpanded((e) => !e)} data-testid="pacs-study-row" data-study-uid={study.studyInstanceUid}>
        <td data-testid="pacs-study-patient-name">{formatPatientName(study.patientName)}</td>
        <td>{study.patientId}</td>
        <td>{formatDate(study.studyDate)}</td>
        <td data-testid="pacs-study-modalities">{study.modalities.join(', ')}</td>
        <td className="description-cell">{study.description}</td>
        <td>{study.accessionNumber}</td>
        <td className="num">{study.seriesCount ?? '?'}</td>
        <td className="num" data-testid="pacs-study-instances">
          {study.instanceCount ?? '?'}
        </td>
        <td className="muted">{study.localInstances > 0 ? `${study.localInstances} here` : ''}</td>
        <td onClick={(event) => event.stopPropagation()}>
          <button type="button" onClick={open} disabled={status?.state === 'running'} data-testid="pacs-open">
            Open
          </button>
        </td>
      </tr>
      {(expanded || status || problem) && (
        <tr className="pacs-study-detail">
          <td colSpan={10}>
            {status && <RetrieveProgressView status={status} />}
            {problem && (
              <p className="inline-error" role="alert" data-testid="pacs-open-problem">
                {problem}
              </p>
            )}
            {expanded && <PacsSeriesList studyUid={study.studyInstanceUid} />}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
