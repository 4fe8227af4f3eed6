import type { ViewerCommand } from '../../services/viewer/viewer-commands';
import { DEFAULT_WINDOW_KEY, WINDOW_PRESETS } from '../../services/viewer/wl-presets';

/** What a key does: a viewer command, or a page action (help, identifiers, reformat). */
export type ShortcutAction = ViewerCommand | { type: 'help' } | { type: 'identifiers' } | { type: 'mpr' };

/** One keyboard shortcut, as the help overlay lists it. */
export interface Shortcut {
  keys: string;
  label: string;
  group: 'Tools' | 'Window' | 'View' | 'Slices' | 'Annotations' | 'Screen';
  matches(event: KeyboardEvent): boolean;
  action: ShortcutAction;
}

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => (event: KeyboardEvent) =>
  event.key.toLowerCase() === k.toLowerCase() && Boolean(event.ctrlKey || event.metaKey) === Boolean(mods.ctrl) && (mods.shift === undefined || event.shiftKey === mods.shift) && !event.altKey;

const tool = (k: string, name: Extract<ViewerCommand, { type: 'tool' }>['tool'], label: string): Shortcut => ({ keys: k.toUpperCase(), label, group: 'Tools', matches: key(k, { shift: false }), action: { type: 'tool', tool: name } });

/** The viewer's shortcuts, after OHIF's and Horos's conventions where they have one. */
export const SHORTCUTS: readonly Shortcut[] = [
  tool('w', 'WindowLevel', 'Window / level (left drag)'),
  tool('p', 'Pan', 'Pan'),
  tool('z', 'Zoom', 'Zoom'),
  tool('l', 'Length', 'Length'),
  tool('b', 'Bidirectional', 'Bidirectional'),
  tool('e', 'EllipticalROI', 'Ellipse ROI'),
  tool('o', 'CircleROI', 'Circle ROI'),
  tool('f', 'PlanarFreehandROI', 'Freehand ROI'),
  tool('a', 'Angle', 'Angle'),
  tool('x', 'Probe', 'Probe'),
  tool('t', 'ArrowAnnotate', 'Arrow with text'),
  tool('c', 'Crosshairs', 'Crosshairs (reformat)'),
  tool('u', 'CorticalInvolvement', 'Cortical involvement (4 clicks: centre, arc ends, destroyed side)'),
  // A is the angle tool's: the analysis takes Shift+A.
  { keys: 'Shift+A', label: 'Analyze bone (click inside a long bone near the lesion, CT)', group: 'Tools', matches: key('a', { shift: true }), action: { type: 'tool', tool: 'AnalyzeBone' } },
  { keys: DEFAULT_WINDOW_KEY, label: 'The file’s own window', group: 'Window', matches: key(DEFAULT_WINDOW_KEY), action: { type: 'file-window' } },
  ...WINDOW_PRESETS.map((p): Shortcut => ({ keys: p.key, label: `${p.label} (W ${p.width} / L ${p.center}) on CT`, group: 'Window', matches: key(p.key), action: { type: 'preset', key: p.key } })),
  { keys: 'I', label: 'Invert', group: 'View', matches: key('i', { shift: false }), action: { type: 'invert' } },
  { keys: 'H', label: 'Flip horizontally', group: 'View', matches: key('h', { shift: false }), action: { type: 'flip', direction: 'horizontal' } },
  { keys: 'V', label: 'Flip vertically', group: 'View', matches: key('v', { shift: false }), action: { type: 'flip', direction: 'vertical' } },
  { keys: 'R', label: 'Rotate 90° clockwise', group: 'View', matches: key('r', { shift: false }), action: { type: 'rotate', degrees: 90 } },
  { keys: 'Shift+R', label: 'Rotate 90° anticlockwise', group: 'View', matches: key('r', { shift: true }), action: { type: 'rotate', degrees: -90 } },
  { keys: 'Space', label: 'Reset the view', group: 'View', matches: key(' '), action: { type: 'reset' } },
  { keys: 'M', label: 'Reformat (MPR) on / off', group: 'View', matches: key('m', { shift: false }), action: { type: 'mpr' } },
  { keys: '↑ / PgUp', label: 'Previous slice', group: 'Slices', matches: (e) => key('ArrowUp')(e) || key('PageUp')(e), action: { type: 'scroll', delta: -1 } },
  { keys: '↓ / PgDn', label: 'Next slice', group: 'Slices', matches: (e) => key('ArrowDown')(e) || key('PageDown')(e), action: { type: 'scroll', delta: 1 } },
  { keys: 'Home', label: 'First slice', group: 'Slices', matches: key('Home'), action: { type: 'slice', to: 'first' } },
  { keys: 'End', label: 'Last slice', group: 'Slices', matches: key('End'), action: { type: 'slice', to: 'last' } },
  { keys: 'K', label: 'Cine play / stop', group: 'Slices', matches: key('k', { shift: false }), action: { type: 'cine-toggle' } },
  { keys: '+ / −', label: 'Cine faster / slower', group: 'Slices', matches: (e) => e.key === '+' || e.key === '=' || e.key === '-', action: { type: 'cine-fps', delta: 0 } },
  { keys: 'Ctrl+Z', label: 'Undo', group: 'Annotations', matches: key('z', { ctrl: true, shift: false }), action: { type: 'undo' } },
  { keys: 'Ctrl+Y / Ctrl+Shift+Z', label: 'Redo', group: 'Annotations', matches: (e) => key('y', { ctrl: true })(e) || key('z', { ctrl: true, shift: true })(e), action: { type: 'redo' } },
  { keys: 'Delete', label: 'Delete the selected annotation', group: 'Annotations', matches: (e) => key('Delete')(e) || key('Backspace')(e), action: { type: 'delete-selected' } },
  { keys: 'N', label: 'Hide / show patient identifiers', group: 'Screen', matches: key('n', { shift: false }), action: { type: 'identifiers' } },
  { keys: '?', label: 'This help', group: 'Screen', matches: (e) => e.key === '?' || e.key === 'F1', action: { type: 'help' } },
];

/**
 * The shortcut a key press means, if any. Cine speed takes its step from the key itself.
 * @param event - the keydown event
 */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  const found = SHORTCUTS.find((s) => s.matches(event));
  if (!found) return null;
  if (found.action.type === 'cine-fps') return { type: 'cine-fps', delta: event.key === '-' ? -5 : 5 };
  return found.action;
}
