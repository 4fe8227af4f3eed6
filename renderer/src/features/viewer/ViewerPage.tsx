import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lesion } from '@shared/lesion/lesion';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { useNotices } from '../../app/errors';
import { studyHref } from '../../app/routes';
import { useLoaded } from '../../app/use-call';
import { mprAvailability } from '../../services/viewer/mpr';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { BoneAnalysisStatus, useBoneAnalysis } from '../bone-analysis';
import { LesionPanel } from '../lesions';
import { RetrieveBanner, useRetrieve, useSeriesArrival } from '../pacs';
import { HelpOverlay } from './HelpOverlay';
import { LeaveUnsavedDialog } from './LeaveUnsavedDialog';
import { MeasurementPanel } from './MeasurementPanel';
import { SeriesStrip } from './SeriesStrip';
import { TextPromptDialog } from './TextPromptDialog';
import { useAnnotationPersistence } from './use-annotation-persistence';
import { useReformatJump } from './use-reformat-jump';
import { useViewerKeys } from './use-viewer-keys';
import { useExternalStore } from '../../app/use-external-store';
import { useViewportStatus } from './use-viewport-state';
import { useSeriesStack } from './use-series-stack';
import { useStudyLease } from './use-study-lease';
import { useViewerSession } from './use-viewer-session';
import { useKeepLayout, useLayoutRestore, useResumedLayout } from './use-layout-resume';
import type { ReadingLayout } from '../../services/viewer/layout-resume';
import { ViewerToolbar, type Layout } from './ViewerToolbar';
import { SLOT_COUNT, ViewportGrid } from './ViewportGrid';
import { stackViewportId } from './viewport-ids';
import './viewer.css';

interface ViewerPageProps {
  studyUid: string;
  seriesUid: string;
  /** 1-based slice of the series' spatial order from the deep link, if given. */
  slice: number | null;
  /** Open with this lesion selected, its slice shown (its form read-only for a surgeon). */
  focusLesionId?: string;
  /** Shown under the selected lesion (e.g. the specialists' decisions and the lesion's audit trail). */
  lesionExtras?: (lesion: Lesion, revision: number) => ReactNode;
}

/** The viewer: a study's series in 1, 2 or 4 stack viewports or as a reformat, with tools and measurements. */
export function ViewerPage(props: ViewerPageProps) {
  const { session, error } = useViewerSession();
  if (error) {
    return (
      <p className="empty-note" data-testid="viewer-error">
        The viewer could not start: {errorMessage(error)}
      </p>
    );
  }
  if (!session) return <p className="muted viewer-starting">Starting the viewer…</p>;
  return <ResumingViewer {...props} session={session} />;
}

/** The viewer once a reload's layout, if any, is checked against the study (at once otherwise). */
function ResumingViewer(props: ViewerPageProps & { session: ViewerSession }) {
  const resumed = useResumedLayout(props.session, props.studyUid, props.seriesUid);
  if (resumed === undefined) return <p className="muted viewer-starting">Starting the viewer…</p>;
  return <Viewer {...props} resumed={resumed} />;
}

function Viewer({ studyUid, seriesUid, slice, focusLesionId, lesionExtras, session, resumed }: ViewerPageProps & { session: ViewerSession; resumed: ReadingLayout | null }) {
  // A study still arriving from the PACS is listed again when its retrieve ends: later series join the strip.
  const retrieveState = useRetrieve(studyUid)?.state;
  const detail = useLoaded(() => call('studies.get', { studyInstanceUid: studyUid }), [studyUid, retrieveState], 'Opening the study failed');
  // Its files are read as long as it is shown: the PACS cache must not evict them meanwhile.
  useStudyLease(studyUid);
  const seriesList = useMemo(() => detail.value?.series ?? [], [detail.value]);
  // A reload comes back to the layout the reader had (use-layout-resume.ts); a link opens one series.
  const [layout, setLayout] = useState<Layout>(resumed?.layout ?? '1x1');
  const [slots, setSlots] = useState<(string | null)[]>(resumed?.slots ?? [seriesUid, null, null, null]);
  const [mprSeries, setMprSeries] = useState<string | null>(resumed?.mprSeries ?? null);
  // The stack layout and viewport the reformat was opened from: leaving it (M) goes back there.
  const [beforeMpr, setBeforeMpr] = useState<{ layout: Exclude<Layout, 'mpr'>; slot: number }>(resumed?.beforeMpr ?? { layout: '1x1', slot: 0 });
  useKeepLayout(session, { layout, slots, mprSeries, beforeMpr });
  const onViewportMounted = useLayoutRestore(session, resumed, layout);
  const [hideIdentifiers, setHideIdentifiers] = useState(false);
  const [help, setHelp] = useState(false);
  const { activeViewportId, toolsError } = useExternalStore(session.state);
  const persistence = useAnnotationPersistence(session, studyUid);
  const boneAnalysis = useBoneAnalysis(session);

  // A reformat is offered for the series of the active stack viewport, when its geometry allows.
  const activeSlot = activeViewportId?.startsWith('vp-') ? Number(activeViewportId.slice(3)) : 0;
  const candidate = layout === 'mpr' ? mprSeries : (slots[activeSlot] ?? null);
  const { stack: candidateStack } = useSeriesStack(candidate);
  const modality = seriesList.find((s) => s.seriesInstanceUid === candidate)?.modality;
  // Read again once the active viewport shows its image: the reformat's memory need depends on how
  // the slices decode (2 or 4 bytes per voxel), known from the first one.
  const activeStatus = useViewportStatus(session, activeViewportId ?? 'vp-0');
  // A study arriving from the PACS waits for this: its retrieve gave the machine to the first image.
  const firstStatus = useViewportStatus(session, 'vp-0');
  const arrival = useSeriesArrival(candidate);
  const mpr = useMemo(
    () => (candidateStack && modality !== undefined ? mprAvailability(session.cs, candidateStack, modality, arrival) : null),
    [candidateStack, modality, session, activeStatus, arrival],
  );

  // Opening more viewports fills them with the study's next series, as a PACS hanging would.
  const chooseLayout = useCallback(
    (next: Layout) => {
      if (next === 'mpr') {
        if (candidate) session.carryView(candidate);
        if (layout !== 'mpr') setBeforeMpr({ layout, slot: activeSlot });
        setMprSeries(candidate);
        session.setActiveViewport(null);
      } else {
        if (layout === 'mpr' && mprSeries) session.carryView(mprSeries);
        setSlots((current) => {
          const filled = [...current];
          const unused = seriesList.map((s) => s.seriesInstanceUid).filter((uid) => !filled.includes(uid));
          for (let i = 0; i < filled.length; i++) filled[i] ??= unused.shift() ?? null;
          return filled;
        });
        // Leaving the reformat: the viewport it was opened from leads again, if this layout shows it;
        // a viewport that the smaller layout hides: the first one leads.
        const back = layout === 'mpr' && beforeMpr.slot < SLOT_COUNT[next] ? beforeMpr.slot : 0;
        if (layout === 'mpr') session.setActiveViewport(back > 0 ? stackViewportId(back) : null);
        else if (activeSlot >= SLOT_COUNT[next]) session.setActiveViewport('vp-0');
      }
      setLayout(next);
    },
    [activeSlot, beforeMpr, candidate, layout, mprSeries, seriesList, session],
  );
  const { inform } = useNotices();
  // M pressed before the series or its study is read (a deep link's first image comes first) is
  // answered once they are, not dropped.
  const [mprAsked, setMprAsked] = useState(false);
  const toggleMpr = useCallback(() => {
    if (layout === 'mpr') chooseLayout(beforeMpr.layout);
    else if (mpr?.available) chooseLayout('mpr');
    else if (mpr) inform(`No reformat: ${mpr.reason}`);
    else setMprAsked(true);
  }, [beforeMpr.layout, chooseLayout, inform, layout, mpr]);
  useEffect(() => {
    if (!mprAsked || !mpr) return;
    setMprAsked(false);
    if (layout !== 'mpr') toggleMpr();
  }, [layout, mpr, mprAsked, toggleMpr]);
  const openReformat = useCallback(
    (uid: string) => {
      if (layout === 'mpr' && mprSeries === uid) return;
      session.carryView(uid);
      if (layout !== 'mpr') setBeforeMpr({ layout, slot: activeSlot });
      setMprSeries(uid);
      session.setActiveViewport(null);
      setLayout('mpr');
    },
    [activeSlot, layout, mprSeries, session],
  );
  useReformatJump(session, { persistence, seriesList, openReformat });
  useViewerKeys(session, {
    help: () => setHelp((open) => !open),
    identifiers: () => setHideIdentifiers((hidden) => !hidden),
    mpr: toggleMpr,
  });

  const dropSeries = useCallback(
    (slot: number, uid: string) => {
      if (layout === 'mpr') setLayout('1x1');
      setSlots((current) => current.map((s, i) => (i === slot ? uid : s)));
      session.setActiveViewport(stackViewportId(slot));
    },
    [layout, session],
  );
  const openInActive = useCallback((uid: string) => dropSeries(layout === 'mpr' ? 0 : activeSlot, uid), [activeSlot, dropSeries, layout]);
  const initialIndex = useCallback(
    (viewportId: string, uid: string) => session.initialSlice(viewportId, uid) ?? (viewportId === 'vp-0' && uid === seriesUid && slice ? slice - 1 : 0),
    [session, seriesUid, slice],
  );

  const shown = new Set(layout === 'mpr' ? [mprSeries ?? ''] : slots.filter((s): s is string => Boolean(s)));
  return (
    <div className="viewer-page" data-testid="viewer-page">
      <ViewerToolbar
        session={session}
        backHref={studyHref(studyUid)}
        layout={layout}
        onLayout={chooseLayout}
        onToggleMpr={toggleMpr}
        mpr={mpr}
        hideIdentifiers={hideIdentifiers}
        onToggleIdentifiers={() => setHideIdentifiers((hidden) => !hidden)}
        onHelp={() => setHelp(true)}
      />
      <RetrieveBanner studyUid={studyUid} imageShown={firstStatus === 'rendered'} />
      {toolsError && (
        <p className="viewer-tools-error" role="alert" data-testid="viewer-tools-error">
          ⚠ {toolsError}
        </p>
      )}
      <div className="viewer-body">
        <SeriesStrip series={seriesList} shown={shown} onOpen={openInActive} />
        <ViewportGrid
          session={session}
          layout={layout}
          slots={slots}
          mprSeries={mprSeries}
          initialIndex={initialIndex}
          study={detail.value?.study ?? null}
          seriesList={seriesList}
          hideIdentifiers={hideIdentifiers}
          onDropSeries={dropSeries}
          onViewportMounted={onViewportMounted}
        />
        <div className="viewer-side">
          <MeasurementPanel session={session} persistence={persistence} />
          {boneAnalysis && <BoneAnalysisStatus analysis={boneAnalysis} />}
          <LesionPanel session={session} persistence={persistence} boneAnalysis={boneAnalysis} studyUid={studyUid} seriesUid={seriesUid} focusLesionId={focusLesionId} lesionExtras={lesionExtras} />
        </div>
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <TextPromptDialog />
      {persistence && <LeaveUnsavedDialog session={session} persistence={persistence} />}
    </div>
  );
}
