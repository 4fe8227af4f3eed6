import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Handlers } from '@shared/ipc/contract';
import { fail } from '@shared/ipc/envelope';
import { dispatch } from '../core/handlers/dispatch';

/** The Electron door: one ipcMain.handle per channel; only frames of the app's own scheme are heard. */
export function registerIpcDoor(handlers: Handlers): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!frameUrl.startsWith('app://renderer/')) {
        console.warn(`IPC ${channel} refused from untrusted frame ${frameUrl || '(gone)'}`);
        return fail({ code: 'forbidden', message: 'IPC from an untrusted frame refused' });
      }
      return dispatch(handlers, channel, payload);
    });
  }
}
