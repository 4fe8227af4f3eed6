import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { channels, type Channel } from '@shared/ipc/contract';
import type { DesktopApi } from '@shared/ipc/desktop-api';
import type { Envelope } from '@shared/ipc/envelope';

const allowed = new Set<string>(channels);

/** The whole of what the renderer may call: the contract's channels and the path of a dropped file (the type the renderer calls through). */
const api = {
  invoke: (channel: Channel, request: unknown): Promise<Envelope<unknown>> => {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${String(channel)}` } });
    return ipcRenderer.invoke(channel, request) as Promise<Envelope<unknown>>;
  },
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('api', api);
