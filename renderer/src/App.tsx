import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type { Lesion } from '@shared/lesion/lesion';
import { useAppInfo } from './app/app-info';
import { NoticeBar } from './app/NoticeBar';
import { TeamSyncStatus } from './app/TeamSyncStatus';
import { DefaultView } from './app/DefaultView';
import { homeHref, studiesHref, useRoute, worklistHref } from './app/routes';
import { useSearchShortcut } from './app/search-shortcut';
import { DropOverlay, FolderBrowserDialog, ImportStatusPanel, ImportToolbar, useImport } from './features/import';
import { ReaderChip } from './features/reader';
import { StudyBrowserPage, StudyPage } from './features/study-browser';
import { LesionFollowUp, LesionPage, WorklistPage } from './features/worklist';

import { loadedViewerPage, loadViewerPage } from './app/viewer-preload';

// The viewer brings Cornerstone's tools: its own chunk, loaded when a series is opened.
const LazyViewerPage = lazy(() => loadViewerPage().then((m) => ({ default: m.ViewerPage })));

type ViewerPageProps = ComponentProps<typeof LazyViewerPage>;

/** What shows while the viewer's chunk loads. */
const viewerChunkLoading = (
  <p className="muted viewer-starting" data-testid="viewer-chunk-loading">
    Starting the viewer…
  </p>
);

/**
 * The viewer page: rendered at once when its chunk has loaded (the viewer warmed up while the
 * study browser showed), through Suspense otherwise. A lazy component suspends on its first render
 * even when its chunk is there, and React reveals suspended content at most every 300 ms: that was
 * most of opening a series from the study browser. Decided once per mount, so that the chunk
 * arriving later never swaps the page's component (which would remount the viewer).
 */
function ViewerPage(props: ViewerPageProps) {
  const [loaded] = useState(loadedViewerPage);
  return loaded ? <loaded.ViewerPage {...props} /> : <LazyViewerPage {...props} />;
}

// Under the selected lesion in every viewer: the specialists' decisions and the lesion's audit trail.
const reviewExtras = (lesion: Lesion, revision: number) => <LesionFollowUp lesion={lesion} revision={revision} />;

/** The window: header with the import actions, messages, the import panel and the routed page. */
export function App() {
  const route = useRoute();
  const info = useAppInfo();
  const { browsing, closeBrowser, importPaths, busy } = useImport();
  useSearchShortcut();
  return (
    <div className="app">
      <header className="top-bar">
        <a className="brand" href={homeHref} title="Your first view">
          BoneMet <span>Review</span>
        </a>
        <nav className="top-nav">
          <a href={studiesHref} className={route.name === 'studies' ? 'active' : undefined} data-testid="nav-studies">
            Studies
          </a>
          <a href={worklistHref} className={route.name === 'worklist' ? 'active' : undefined} data-testid="nav-worklist">
            Worklist
          </a>
        </nav>
        <div className="spacer" />
        <ImportToolbar />
        <TeamSyncStatus />
        <ReaderChip />
        {info && (
          <span className="door-badge" title={`Data folder: ${info.dataDir}`} data-testid="door-badge">
            {info.door === 'electron' ? 'Desktop' : 'Browser mode'} · v{info.version}
          </span>
        )}
      </header>
      <NoticeBar />
      <ImportStatusPanel />
      <main className="content">
        {route.name === 'home' && <DefaultView />}
        {route.name === 'studies' && <StudyBrowserPage />}
        {route.name === 'worklist' && <WorklistPage />}
        {route.name === 'lesion' && (
          <LesionPage key={route.lesionId} lesionId={route.lesionId}>
            {({ lesion }, seriesUid) => (
              <Suspense fallback={viewerChunkLoading}>
                <ViewerPage studyUid={lesion.studyInstanceUid} seriesUid={seriesUid} slice={null} focusLesionId={lesion.id} lesionExtras={reviewExtras} />
              </Suspense>
            )}
          </LesionPage>
        )}
        {route.name === 'study' && <StudyPage key={route.studyUid} studyUid={route.studyUid} />}
        {route.name === 'viewer' && (
          <Suspense fallback={viewerChunkLoading}>
            <ViewerPage key={`${route.studyUid}/${route.seriesUid}/${route.slice}`} studyUid={route.studyUid} seriesUid={route.seriesUid} slice={route.slice} lesionExtras={reviewExtras} />
          </Suspense>
        )}
        {route.name === 'unknown' && (
          <p className="empty-note">
            Nothing lives at {route.hash}. <a href={studiesHref}>Go to the study list</a>
          </p>
        )}
      </main>
      {browsing && (
        <FolderBrowserDialog
          title="Import a folder"
          chooseLabel="Import this folder"
          note="Subfolders are included; files that are not DICOM are listed in the report."
          rootsLabel="Folders you may import from"
          busy={busy}
          onChoose={(path) => importPaths([path], path)}
          onClose={closeBrowser}
          chooseTestId="import-this-folder"
        />
      )}
      <DropOverlay />
    </div>
  );
}
