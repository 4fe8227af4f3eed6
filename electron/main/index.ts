import { app, dialog, session } from 'electron';
import path from 'node:path';
import { toErrorShape } from '../../shared/errors';
import { createAppCore } from '../core/app-core';
import { defaultDataDir } from '../core/app-data-dir';
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
    // The CLI's rule, not app.getPath('userData'): that follows package.json's lower-case name,
    // and the app and the CLI must open the one index.
    dataDir: defaultDataDir(),
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
}).catch((error: unknown) => {
  // A database from a newer version, a damaged or unwritable one: say it in the words written for the user.
  dialog.showErrorBox('BoneMet Review cannot start', toErrorShape(error).message);
  app.exit(1);
});
