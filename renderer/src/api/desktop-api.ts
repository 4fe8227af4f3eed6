import type { DesktopApi } from '@shared/ipc/desktop-api';

declare global {
  interface Window {
    api?: DesktopApi;
  }
}

/** The preload's API when the page runs inside Electron, else null. */
export function desktopApi(): DesktopApi | null {
  return typeof window !== 'undefined' && window.api ? window.api : null;
}
