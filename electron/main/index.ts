import { app, dialog, session } from 'electron';
import path from 'node:path';
import { createAppCore } from '../core/app-core';
import { defaultImportRoots } from '../core/files/import-roots';
import createImportWorker from '../core/importer/import-worker?nodeWorker';
import { workerImportRunner } from '../core/importer/import-runners';
import { registerIpcDoor } from './ipc-door';
import { handleSchemes, registerSchemes } from './protocols';
import { createMainWindow } from './window-factory';

// Electron glue only: everything it calls lives in electron/core and is tested under Node.
if (!app.requestSingleInstanceLock()) app.quit();
registerSchemes();

app.whenReady().then(() => {
  const core = createAppCore({
    dataDir: process.env.BONEMET_DATA_DIR ?? app.getPath('userData'),
    door: 'electron',
    version: app.getVersion(),
    roots: defaultImportRoots(),
    automaticBackups: true,
    importRunner: workerImportRunner((workerData) => createImportWorker({ workerData })),
    pickPaths: async (kind) => {
      const result = await dialog.showOpenDialog({
        properties: kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
      });
      return result.canceled ? [] : result.filePaths;
    },
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  handleSchemes(core, path.join(__dirname, '../renderer'));
  registerIpcDoor(core.handlers);
  const window = createMainWindow(path.join(__dirname, '../preload/index.cjs'), 'app://renderer/index.html');
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    core.close();
    app.quit();
  });
});
