// The native question asked when a page holds its unloading (beforeunload: drawings not saved),
// apart from Electron so that the answer's reading is tested under Node.
import type { MessageBoxSyncOptions } from 'electron';

const LEAVE = 'Leave';
const STAY = 'Stay';
const BUTTONS = [LEAVE, STAY];

/** The dialog shown when the window is closed or reloaded with drawings not saved: Stay is the default and the cancel. */
export const UNLOAD_PROMPT: MessageBoxSyncOptions = {
  type: 'warning',
  title: 'Drawings not saved',
  message: 'Leave BoneMet Review?',
  detail: 'Drawings on this study are not saved: closing or reloading the window drops them. Stay to name the reader or let the save be tried again.',
  buttons: BUTTONS,
  defaultId: BUTTONS.indexOf(STAY),
  cancelId: BUTTONS.indexOf(STAY),
  noLink: true,
};

/** True when the reader's answer to UNLOAD_PROMPT (the button index) lets the page unload. */
export function choseToLeave(response: number): boolean {
  return BUTTONS[response] === LEAVE;
}
