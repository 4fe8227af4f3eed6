import { useEffect, useRef } from 'react';
import { runCommand } from '../../services/viewer/viewer-commands';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { shortcutFor } from './shortcuts';

/** The page actions a key may trigger besides viewer commands. */
export interface PageActions {
  help(): void;
  identifiers(): void;
  mpr(): void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Binds the viewer's keyboard shortcuts (see shortcuts.ts) while the viewer is shown. */
export function useViewerKeys(session: ViewerSession, actions: PageActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const action = shortcutFor(event);
      if (!action) return;
      // A dialog (help, arrow text) takes the keys, except the one that closes the help.
      if (document.querySelector('[role="dialog"]') && action.type !== 'help') return;
      event.preventDefault();
      if (action.type === 'help' || action.type === 'identifiers' || action.type === 'mpr') latest.current[action.type]();
      else runCommand(session, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
}
