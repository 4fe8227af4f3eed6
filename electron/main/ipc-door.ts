import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Handlers } from '@shared/ipc/contract';
import { fail } from '@shared/ipc/envelope';
import { dispatch } from '../core/handlers/dispatch';
import { judgeSender } from './ipc-sender';

/** The Electron door: one ipcMain.handle per channel; only the main frame of the app's own pages is heard. */
export function registerIpcDoor(handlers: Handlers): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      const verdict = judgeSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null);
      if (!verdict.heard) {
        console.warn(`IPC ${channel} refused: ${verdict.reason}`);
        return fail({ code: 'forbidden', message: 'IPC from an untrusted frame refused' });
      }
      return dispatch(handlers, channel, payload);
    });
  }
}
