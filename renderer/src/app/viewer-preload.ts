import { prefetchFirstImage, warmFirstImagePath, warmViewer } from '../services/viewer/viewer-warmup';
import { parseRoute, type Route } from './routes';

type ViewerModule = typeof import('../features/viewer');

let viewerModule: Promise<ViewerModule> | null = null;
let loadedViewer: ViewerModule | null = null;

/** Loads the viewer page's chunk (React components, lesion panel) once per page; App renders it lazily. */
export function loadViewerPage(): Promise<ViewerModule> {
  viewerModule ??= import('../features/viewer').then(
    (loaded) => (loadedViewer = loaded),
    (error: unknown) => {
      // A chunk that failed to load (the host restarted) is asked for again next time.
      viewerModule = null;
      throw error;
    },
  );
  return viewerModule;
}

/** The viewer page's chunk when it has loaded (the viewer warmed up, or opened before), else null. */
export function loadedViewerPage(): ViewerModule | null {
  return loadedViewer;
}

/** Readers open a series within seconds of the list showing: by then the viewer should be warm. */
const IDLE_WARM_TIMEOUT_MS = 2_000;

function prepareFor(route: Route): boolean {
  if (route.name === 'viewer') {
    void loadViewerPage();
    prefetchFirstImage({ seriesUid: route.seriesUid, index: route.slice ? route.slice - 1 : 0 });
    return true;
  }
  if (route.name === 'lesion') {
    void loadViewerPage();
    warmFirstImagePath();
    return true;
  }
  return false;
}

/**
 * Called once before React mounts: a viewer link starts Cornerstone, the series list and its
 * first image at once, in parallel with the app's own start; any other view warms the viewer
 * when the page is first idle. Later links (a click on a series) start their first image as the
 * address changes, before React renders the viewer (this listener runs before the router's).
 */
export function startViewerEarly(): void {
  if (!prepareFor(parseRoute(window.location.hash))) {
    requestIdleCallback(
      () => {
        void loadViewerPage();
        warmViewer();
      },
      { timeout: IDLE_WARM_TIMEOUT_MS },
    );
  }
  window.addEventListener('hashchange', () => prepareFor(parseRoute(window.location.hash)));
}
