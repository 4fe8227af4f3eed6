import { BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import { isAppPage } from './ipc-sender';
import { choseToLeave, UNLOAD_PROMPT } from './unload-prompt';

/**
 * The one place windows are made: sandboxed, isolated, no Node, web security on.
 * @param iconPath - the app icon (a PNG: what Linux shows in the dock and window list)
 */
export function createMainWindow(preloadPath: string, url: string, iconPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#0b0d10',
    title: 'BoneMet Review',
    icon: iconPath,
    show: false,
    webPreferences: {
      preload: path.resolve(preloadPath),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // Middle-click would open a link in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  // No navigation away from the app and no new windows: the app has no link that needs one.
  window.webContents.on('will-navigate', (event, target) => {
    if (!isAppPage(target)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The page holds closing or reloading while drawings are not saved (beforeunload); Electron shows
  // no prompt of its own, so the reader answers here. preventDefault lets the page unload after all.
  window.webContents.on('will-prevent-unload', (event) => {
    if (choseToLeave(dialog.showMessageBoxSync(window, UNLOAD_PROMPT))) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void window.loadURL(url);
  return window;
}
