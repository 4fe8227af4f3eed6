import type { SeriesSummary } from '@shared/dicom/series';
import { call } from '../../api/client';
import { mprAvailability, type MprAvailability } from '../../services/viewer/mpr';
import { loadSeriesStack } from '../../services/viewer/series-stack';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { seriesArrival } from '../pacs';

/**
 * Whether the reformat of a series can be opened (the modality from the page's list, else asked for).
 * @param session - the viewer session
 * @param studyUid - the series' study
 * @param seriesUid - the series
 * @param seriesList - the study's series as the page has them (may be empty)
 */
export async function reformatAvailability(session: ViewerSession, studyUid: string, seriesUid: string, seriesList: readonly SeriesSummary[]): Promise<MprAvailability> {
  const stack = await loadSeriesStack(seriesUid);
  const summary = seriesList.find((s) => s.seriesInstanceUid === seriesUid) ?? (await call('studies.get', { studyInstanceUid: studyUid })).series.find((s) => s.seriesInstanceUid === seriesUid);
  return mprAvailability(session.cs, stack, summary?.modality ?? '', seriesArrival(seriesUid));
}
