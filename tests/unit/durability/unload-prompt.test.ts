import { describe, expect, it } from 'vitest';
import { choseToLeave, UNLOAD_PROMPT } from '../../../electron/main/unload-prompt';

// The Electron window's question when its page holds closing or reloading (drawings not saved):
// electron/main/window-factory.ts shows UNLOAD_PROMPT and lets the page unload only when
// choseToLeave says so. Electron cannot run here: the question and its reading are tested apart.
describe('closing or reloading the Electron window with drawings not saved', () => {
  const buttons = UNLOAD_PROMPT.buttons ?? [];

  it('offers Leave and Stay, with Stay the default and the answer of Escape or a closed dialog', () => {
    expect(buttons).toEqual(['Leave', 'Stay']);
    expect(buttons[UNLOAD_PROMPT.defaultId!]).toBe('Stay');
    expect(buttons[UNLOAD_PROMPT.cancelId!]).toBe('Stay');
  });

  it('unloads the page only on Leave: Stay, and the cancel answer, keep it and its drawings', () => {
    expect(choseToLeave(buttons.indexOf('Leave'))).toBe(true);
    expect(choseToLeave(buttons.indexOf('Stay'))).toBe(false);
    expect(choseToLeave(UNLOAD_PROMPT.cancelId!)).toBe(false);
    // An answer the dialog cannot give never drops the drawings.
    expect(choseToLeave(-1)).toBe(false);
    expect(choseToLeave(buttons.length)).toBe(false);
  });

  it('tells the reader what leaving drops', () => {
    expect(UNLOAD_PROMPT.detail).toMatch(/not saved: closing or reloading the window drops them/);
  });
});
