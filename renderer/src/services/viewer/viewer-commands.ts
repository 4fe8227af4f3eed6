import type { Types } from '@cornerstonejs/core';
import type { PrimaryToolName } from './tools';
import { applyWindow, flip, resetView, rotate, toggleInvert } from './view-actions';
import { showsHounsfield } from './hounsfield';
import type { ViewerSession } from './viewer-session';
import { WINDOW_PRESETS } from './wl-presets';

/** Everything a key or a toolbar button can ask of the viewer. */
export type ViewerCommand =
  | { type: 'tool'; tool: PrimaryToolName }
  | { type: 'preset'; key: string }
  | { type: 'file-window' }
  | { type: 'invert' }
  | { type: 'reset' }
  | { type: 'flip'; direction: 'horizontal' | 'vertical' }
  | { type: 'rotate'; degrees: 90 | -90 }
  | { type: 'scroll'; delta: number }
  | { type: 'slice'; to: 'first' | 'last' }
  | { type: 'cine-toggle' }
  | { type: 'cine-fps'; delta: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'delete-selected' };

/** Commands that need Cornerstone's tools (cine, selected drawings). */
const TOOL_COMMANDS = new Set<ViewerCommand['type']>(['cine-toggle', 'cine-fps', 'delete-selected']);

/** Frame rates a reader may pick for cine. */
export const CINE_FPS_RANGE = { min: 1, max: 60 } as const;

function setCine(session: ViewerSession, viewportId: string, playing: boolean, fps: number): void {
  const record = session.get(viewportId);
  if (!record) return;
  const { cine } = session.tools.utilities;
  if (playing) cine.playClip(record.element, { framesPerSecond: fps, loop: true });
  else cine.stopClip(record.element);
  session.store.update(viewportId, { cine: { playing, fps } });
}

/**
 * Runs one command on the active viewport (or on the session for tools and history).
 * @param session - the viewer session
 * @param command - what to do
 */
export function runCommand(session: ViewerSession, command: ViewerCommand): void {
  if (!session.toolsReady && TOOL_COMMANDS.has(command.type)) {
    // Pressed while the tools load (just after the first image): run once they are in, not dropped.
    void session.whenTools().then(() => runCommand(session, command), () => undefined);
    return;
  }
  if (command.type === 'tool') return session.setPrimaryTool(command.tool);
  if (command.type === 'undo') return session.history.undo();
  if (command.type === 'redo') return session.history.redo();
  const viewportId = session.activeViewport();
  const viewport = viewportId ? session.viewport(viewportId) : undefined;
  const record = viewportId ? session.get(viewportId) : undefined;
  if (!viewportId || !viewport || !record) return;
  const { cs } = session;
  switch (command.type) {
    case 'preset': {
      const preset = WINDOW_PRESETS.find((p) => p.key === command.key);
      // The presets are HU: on an MR or a radiograph they would window the wrong units.
      if (preset && showsHounsfield(viewport)) applyWindow(cs, viewport, preset);
      return;
    }
    case 'file-window':
      if (record.initial?.window) applyWindow(cs, viewport, record.initial.window);
      return;
    case 'invert':
      return toggleInvert(viewport);
    case 'reset':
      return resetView(cs, viewport, record.initial ?? { window: null, invert: false });
    case 'flip':
      return flip(viewport, command.direction);
    case 'rotate':
      return rotate(viewport, command.degrees);
    case 'scroll':
      cs.utilities.scroll(viewport as Types.IStackViewport, { delta: command.delta });
      return;
    case 'slice': {
      const count = viewport.getNumberOfSlices();
      void cs.utilities.jumpToSlice(record.element, { imageIndex: command.to === 'first' ? 0 : count - 1 });
      return;
    }
    case 'cine-toggle': {
      const { cine } = session.store.get(viewportId);
      return setCine(session, viewportId, !cine.playing, cine.fps);
    }
    case 'cine-fps': {
      const { cine } = session.store.get(viewportId);
      const fps = Math.min(CINE_FPS_RANGE.max, Math.max(CINE_FPS_RANGE.min, cine.fps + command.delta));
      if (cine.playing) setCine(session, viewportId, true, fps);
      else session.store.update(viewportId, { cine: { playing: false, fps } });
      return;
    }
    case 'delete-selected':
      session.history.deleteSelected(record.element);
      return;
  }
}
