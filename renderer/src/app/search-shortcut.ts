import { useEffect } from 'react';
import { navigate, studiesHref } from './routes';

/** The id of the study search input, the target of the "/" shortcut. */
export const SEARCH_INPUT_ID = 'study-search';
let focusWhenShown = false;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** True once when "/" was pressed on another page; the search bar focuses itself on mount. */
export function takePendingSearchFocus(): boolean {
  const pending = focusWhenShown;
  focusWhenShown = false;
  return pending;
}

/** Binds "/" to focus the study search, going back to the study browser when needed. */
export function useSearchShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      const input = document.getElementById(SEARCH_INPUT_ID);
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      } else {
        focusWhenShown = true;
        navigate(studiesHref);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
