import { useEffect } from 'react';
import { RetrieveProgressView } from './RetrieveProgressView';
import { noteFirstImageShown, useRetrieve } from './retrieve-store';

/**
 * In the viewer, while a study is still arriving from the PACS: its progress and Cancel. Once the
 * viewer shows its first image (`imageShown`), the retrieve is told, and reads on at full speed.
 */
export function RetrieveBanner({ studyUid, imageShown }: { studyUid: string; imageShown: boolean }) {
  const status = useRetrieve(studyUid);
  const running = status?.state === 'running';
  useEffect(() => {
    if (imageShown && running) noteFirstImageShown(studyUid);
  }, [imageShown, running, studyUid]);
  if (!status || status.state === 'done') return null;
  return (
    <div className="retrieve-banner" data-testid="retrieve-banner">
      <RetrieveProgressView status={status} />
    </div>
  );
}
