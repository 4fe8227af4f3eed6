// Whom the Electron door hears: the decision, apart from Electron so that it is tested under Node.

/** Where the app's own pages are served (protocols.ts): the one origin the doors trust. */
const APP_PAGES = 'app://renderer/';

/** True when a URL is one of the app's own pages. */
export function isAppPage(url: string): boolean {
  return url.startsWith(APP_PAGES);
}

/** What the door knows of the frame an IPC message came from. */
export interface SenderFrame {
  /** The frame's URL at the time of the message. */
  url: string;
  /** True for the window's top frame; false for a frame inside the page (an iframe). */
  isMainFrame: boolean;
}

/** Heard, or refused with the reason the refusal is logged with. */
export type SenderVerdict = { heard: true } | { heard: false; reason: string };

/**
 * Whether the door answers a message: only from the main frame of one of the app's own pages, as
 * VS Code's validateEvent decides (origin and main frame). A gone frame (navigated or destroyed
 * before the message was handled) is refused too.
 * @param frame - the sender's frame, or null when it is gone
 */
export function judgeSender(frame: SenderFrame | null): SenderVerdict {
  if (!frame) return { heard: false, reason: 'its frame is gone' };
  if (!isAppPage(frame.url)) return { heard: false, reason: `from a page not the app's: ${frame.url || '(no URL)'}` };
  if (!frame.isMainFrame) return { heard: false, reason: `from a sub-frame of the app's page ${frame.url}` };
  return { heard: true };
}
