import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppInfoProvider } from './app/app-info';
import { NoticeProvider } from './app/errors';
import { IndexVersionProvider } from './app/index-version';
import { ImportProvider } from './features/import';
import { startViewerEarly } from './app/viewer-preload';
import { installLeaveGuard } from './app/leave-guard';
import './styles.css';

// The host set its cookie when it served this page; keep the launch token out of the address bar.
const url = new URL(window.location.href);
if (url.searchParams.has('token')) {
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

startViewerEarly();
// Before the app renders: its routes then read an address the guard has put back.
installLeaveGuard();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <NoticeProvider>
      <IndexVersionProvider>
        <AppInfoProvider>
          <ImportProvider>
            <App />
          </ImportProvider>
        </AppInfoProvider>
      </IndexVersionProvider>
    </NoticeProvider>
  </StrictMode>,
);
