import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppInfoProvider } from './app/app-info';
import { NoticeProvider } from './app/errors';
import { IndexVersionProvider } from './app/index-version';
import { ImportProvider } from './features/import';
import { startViewerEarly } from './app/viewer-preload';
import { installLeaveGuard } from './app/leave-guard';
import { keepLaunchToken } from './api/host-token';
import './styles.css';

// Before anything calls the host: the launch token goes from the address bar into this origin's storage.
keepLaunchToken();

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
