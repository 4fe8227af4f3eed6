import { RetrieveProgressView } from './RetrieveProgressView';
import { useRetrieve } from './retrieve-store';

/** In the viewer, while a study is still arriving from the PACS: its progress and Cancel. */
export function RetrieveBanner({ studyUid }: { studyUid: string }) {
  const status = useRetrieve(studyUid);
  if (!status || status.state === 'done') return null;
  return (
    <div className="retrieve-banner" data-testid="retrieve-banner">
      <RetrieveProgressView status={status} />
    </div>
  );
}
