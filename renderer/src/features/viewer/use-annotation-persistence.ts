import { useEffect, useState } from 'react';
import { useNotices } from '../../app/errors';
import { AnnotationPersistence, type SeriesArrivals } from '../../services/viewer/annotation-persistence';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { seriesArrival, whenSeriesArrived } from '../pacs';
import { currentInitials, readerStore } from '../reader';

/** Series still arriving from the PACS: their drawings are put back once they have arrived. */
const ARRIVALS: SeriesArrivals = { arriving: (seriesUid) => seriesArrival(seriesUid)?.running === true, whenArrived: whenSeriesArrived };

/** Saves the page's annotations as they change and restores the study's stored ones on opening. */
export function useAnnotationPersistence(session: ViewerSession, studyUid: string): AnnotationPersistence | null {
  const { reportError, inform } = useNotices();
  const [persistence, setPersistence] = useState<AnnotationPersistence | null>(null);
  useEffect(() => {
    const created = new AnnotationPersistence(session, studyUid, { reader: currentInitials, error: reportError, note: inform }, ARRIVALS);
    setPersistence(created);
    created.start().catch((error: unknown) => reportError(error, 'Restoring the saved annotations failed'));
    // Drawings made before the reader named themselves are saved once they have.
    const unsubscribe = readerStore.subscribe(() => created.saveWaitingForReader());
    return () => {
      unsubscribe();
      created.stop();
    };
  }, [session, studyUid, reportError, inform]);
  return persistence;
}
