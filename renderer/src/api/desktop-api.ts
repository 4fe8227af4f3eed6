import type { Channel } from '@shared/ipc/contract';
import type { Envelope } from '@shared/ipc/envelope';

/** What the Electron preload exposes as `window.api`; absent in browser mode. */
export interface DesktopApi {
  invoke(channel: Channel, request: unknown): Promise<Envelope<unknown>>;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    api?: DesktopApi;
  }
}

/** The preload's API when the page runs inside Electron, else null. */
export function desktopApi(): DesktopApi | null {
  return typeof window !== 'undefined' && window.api ? window.api : null;
}
