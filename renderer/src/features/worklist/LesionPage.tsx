import { useEffect, useState, type ReactNode } from 'react';
import type { Lesion } from '@shared/lesion/lesion';
import { lesionAnnotationIds } from '@shared/lesion/cited-annotations';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { ApiError, errorMessage } from '../../api/api-error';
import { call } from '../../api/client';
import { studiesHref, worklistHref } from '../../app/routes';
import { StudyOnDemand } from '../pacs';

type Resolution = { state: 'loading' } | { state: 'found'; scored: ScoredLesion; seriesUid: string } | { state: 'missing'; message: string };

/**
 * The series to open a lesion on: the one holding the drawing it opens at (its first measured or
 * attached drawing), which may be another series of the study than the one it was recorded with
 * (a reader comparing two series); else its own. A drawing on a reformat plane names its series too.
 */
async function seriesToShow(lesion: Lesion): Promise<string> {
  const [first] = lesionAnnotationIds(lesion);
  if (!first) return lesion.seriesInstanceUid;
  try {
    const drawings = await call('annotations.list', { studyInstanceUid: lesion.studyInstanceUid, allReaders: true });
    return drawings.find((d) => d.id === first)?.seriesInstanceUid ?? lesion.seriesInstanceUid;
  } catch {
    // Its drawings could not be listed: its own series still shows it, and the viewer says what failed.
    return lesion.seriesInstanceUid;
  }
}

/** Why a deep link leads nowhere, in words a user can act on. */
function missingMessage(lesionId: string, error: unknown): string {
  if (error instanceof ApiError && error.code === 'invalid_request') return `"${lesionId}" is not a lesion id: the link is incomplete or mistyped.`;
  if (error instanceof ApiError && error.code === 'not_found') return `There is no lesion ${lesionId} here: it may have been deleted, or the link comes from another workstation.`;
  return `The lesion ${lesionId} could not be opened: ${errorMessage(error)}`;
}

/**
 * The `#/lesion/<id>` deep link: resolves the lesion, then shows it through `children` (the
 * viewer on its study and series) once its series' images are here, retrieved from the PACS on
 * demand for a lesion received from another workstation; an unknown id, or images that cannot be
 * had, get a clear message instead of a blank page.
 */
export function LesionPage({ lesionId, children }: { lesionId: string; children: (scored: ScoredLesion, seriesUid: string) => ReactNode }) {
  const [resolution, setResolution] = useState<Resolution>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setResolution({ state: 'loading' });
    call('lesions.get', { id: lesionId }).then(
      async (scored) => {
        const seriesUid = await seriesToShow(scored.lesion);
        if (live) setResolution({ state: 'found', scored, seriesUid });
      },
      (error: unknown) => live && setResolution({ state: 'missing', message: missingMessage(lesionId, error) }),
    );
    return () => {
      live = false;
    };
  }, [lesionId]);
  if (resolution.state === 'loading') return <p className="muted viewer-starting">Opening the lesion…</p>;
  if (resolution.state === 'missing') {
    return (
      <div className="empty-note" role="alert" data-testid="lesion-not-found">
        <p>{resolution.message}</p>
        <p>
          <a href={worklistHref}>Go to the worklist</a> · <a href={studiesHref}>Go to the study list</a>
        </p>
      </div>
    );
  }
  const { lesion } = resolution.scored;
  return (
    <StudyOnDemand studyUid={lesion.studyInstanceUid} seriesUid={resolution.seriesUid}>
      {children(resolution.scored, resolution.seriesUid)}
    </StudyOnDemand>
  );
}
