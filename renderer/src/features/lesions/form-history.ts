import { useCallback, useState } from 'react';

/** Undo and redo of a form's states (each edit is one step). */
export interface FormHistory<T> {
  value: T;
  set(next: T): void;
  reset(value: T): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * A form's value with its own undo stack, separate from the viewer's annotation history: Ctrl+Z
 * inside the form undoes form edits, Ctrl+Z on the image undoes drawings.
 * @param initial - the first value
 */
export function useFormHistory<T>(initial: T): FormHistory<T> {
  const [state, setState] = useState<{ past: T[]; value: T; future: T[] }>({ past: [], value: initial, future: [] });
  const set = useCallback((next: T) => setState((s) => (Object.is(s.value, next) ? s : { past: [...s.past, s.value].slice(-200), value: next, future: [] })), []);
  const reset = useCallback((value: T) => setState({ past: [], value, future: [] }), []);
  const undo = useCallback(() => setState((s) => (s.past.length ? { past: s.past.slice(0, -1), value: s.past[s.past.length - 1]!, future: [s.value, ...s.future] } : s)), []);
  const redo = useCallback(() => setState((s) => (s.future.length ? { past: [...s.past, s.value], value: s.future[0]!, future: s.future.slice(1) } : s)), []);
  return { value: state.value, set, reset, undo, redo, canUndo: state.past.length > 0, canRedo: state.future.length > 0 };
}
