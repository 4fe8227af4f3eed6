import { app, dialog, session } from 'electron';
import path from 'node:path';
import { toErrorShape } from '@shared/errors';
import { createAppCore } from '../core/app-core';
import { defaultDataDir } from '../core/app-data-dir';
import { adoptEarlierDataFolder } from '../core/db/earlier-data-folder';
import { defaultImportRoots } from '../core/files/import-roots';
import createAnalysisWorker from '../core/analysis/jobs/analysis-worker?nodeWorker';
import { workerAnalysisRunner } from '../core/analysis/jobs/analysis-runners';
import createImportWorker from '../core/importer/import-worker?nodeWorker';
import { workerImportRunner } from '../core/importer/import-runners';
import { CHROMIUM_SWITCHES } from './chromium-switches';
import { registerIpcDoor } from './ipc-door';
import { handleSchemes, registerSchemes } from './protocols';
import { createMainWindow } from './window-factory';

// Electron glue only: everything it calls lives in electron/core and is tested under Node.
if (!app.requestSingleInstanceLock()) app.quit();
registerSchemes();
for (const name of CHROMIUM_SWITCHES) app.commandLine.appendSwitch(name);

app.whenReady().then(() => {
  // The CLI's rule, not app.getPath('userData'): that follows package.json's lower-case name,
  // and the app and the CLI must open the one index. A database left there by the app before is moved.
  const dataDir = defaultDataDir();
  const moved = process.env.BONEMET_DATA_DIR ? [] : adoptEarlierDataFolder(app.getPath('userData'), dataDir);
  if (moved.length > 0) void dialog.showMessageBox({ type: 'info', message: `BoneMet Review moved its database and backups to ${dataDir}, the folder the command line uses too.` });
  const core = createAppCore({
    dataDir,
    door: 'electron',
    version: app.getVersion(),
    roots: defaultImportRoots(),
    automaticBackups: true,
    teamSync: true,
    importRunner: workerImportRunner((workerData) => createImportWorker({ workerData })),
    analysisRunner: workerAnalysisRunner(() => createAnalysisWorker({})),
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
  // resources/ ships beside the asar (packager's extraResource); from a checkout it is the repository's.
  const resources = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');
  const window = createMainWindow(path.join(__dirname, '../preload/index.cjs'), 'app://renderer/index.html', path.join(resources, 'icon.png'));
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
