import type { MprAvailability } from '../../services/viewer/mpr';
import { PRIMARY_TOOLS } from '../../services/viewer/tools';
import { CINE_FPS_RANGE, runCommand, type ViewerCommand } from '../../services/viewer/viewer-commands';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { WINDOW_PRESETS } from '../../services/viewer/wl-presets';
import { useExternalStore } from '../../app/use-external-store';
import { useViewportState } from './use-viewport-state';
import { mprViewportId, PLANES } from './ViewportGrid';

/** The grid of viewports: stacks side by side, or the three planes of a reformat. */
export type Layout = '1x1' | '1x2' | '2x2' | 'mpr';

interface ToolbarProps {
  session: ViewerSession;
  /** Where "back" leads: the study's series page. */
  backHref: string;
  layout: Layout;
  onLayout(layout: Layout): void;
  /** Into the reformat, or back to the layout it was opened from (as M). */
  onToggleMpr(): void;
  mpr: MprAvailability | null;
  hideIdentifiers: boolean;
  onToggleIdentifiers(): void;
  onHelp(): void;
}

/** The viewer's toolbar: layout, reformat, left-button tool, windows, view, cine, undo/redo. */
export function ViewerToolbar({ session, backHref, layout, onLayout, onToggleMpr, mpr, hideIdentifiers, onToggleIdentifiers, onHelp }: ToolbarProps) {
  const { activeTool, activeViewportId } = useExternalStore(session.state);
  const history = useExternalStore(session.history.state);
  // Keys act on the first viewport while none is chosen (see ViewerSession.activeViewport).
  const activeId = activeViewportId ?? (layout === 'mpr' ? mprViewportId(PLANES[0]!) : 'vp-0');
  const active = useViewportState(session, activeId);
  // The file's window, as the overlay rounds it (captured when the viewport first showed its image).
  const fileWindow = session.get(activeId)?.initial?.window;
  const showsFileWindow = Boolean(fileWindow) && active.windowWidth === Math.round(fileWindow!.width) && active.windowCenter === Math.round(fileWindow!.center);
  const run = (command: ViewerCommand) => runCommand(session, command);
  const button = (label: string, command: ViewerCommand, title: string, testId: string) => (
    <button type="button" onClick={() => run(command)} title={title} data-testid={testId}>
      {label}
    </button>
  );
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer tools" data-testid="viewer-toolbar">
      <a className="viewer-back" href={backHref} title="Back to the study's series" data-testid="viewer-back">
        ← Study
      </a>
      <div className="tool-group" aria-label="Layout">
        {(['1x1', '1x2', '2x2'] as const).map((l) => (
          <button key={l} type="button" className={layout === l ? 'on' : undefined} aria-pressed={layout === l} onClick={() => onLayout(l)} data-testid={`layout-${l}`}>
            {l.replace('x', '×')}
          </button>
        ))}
        <button
          type="button"
          className={layout === 'mpr' ? 'on' : undefined}
          aria-pressed={layout === 'mpr'}
          disabled={layout !== 'mpr' && !mpr?.available}
          title={mpr && !mpr.available ? `No reformat: ${mpr.reason}` : 'Axial, sagittal and coronal reformats (M)'}
          onClick={onToggleMpr}
          data-testid="layout-mpr"
        >
          MPR
        </button>
      </div>
      <div className="tool-group" aria-label="Left mouse button">
        {PRIMARY_TOOLS.filter((t) => t.name !== 'Crosshairs' || layout === 'mpr').map((t) => (
          <button key={t.name} type="button" className={activeTool === t.name ? 'on' : undefined} aria-pressed={activeTool === t.name} title={t.title} onClick={() => run({ type: 'tool', tool: t.name })} data-testid={`tool-${t.name}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tool-group" aria-label="Window presets">
        {WINDOW_PRESETS.map((p) => {
          // Pressed while the image shows exactly this window, whichever way it got there.
          const shown = active.windowWidth === p.width && active.windowCenter === p.center;
          return (
            <button
              key={p.key}
              type="button"
              className={shown ? 'on' : undefined}
              aria-pressed={shown}
              disabled={!active.hounsfield}
              onClick={() => run({ type: 'preset', key: p.key })}
              title={active.hounsfield ? `${p.label}: W ${p.width} / L ${p.center} HU (key ${p.key})` : `${p.label} is a CT window in Hounsfield units: this image's values are not HU (drag to window, or File for the file's own)`}
              data-testid={`preset-${p.key}`}
            >
              {p.short}
            </button>
          );
        })}
        <button type="button" className={showsFileWindow ? 'on' : undefined} aria-pressed={showsFileWindow} onClick={() => run({ type: 'file-window' })} title="The window stored in the file (key 0)" data-testid="preset-0">
          File
        </button>
      </div>
      <div className="tool-group" aria-label="View">
        {button('Inv', { type: 'invert' }, 'Invert (I)', 'view-invert')}
        {button('⇆', { type: 'flip', direction: 'horizontal' }, 'Flip horizontally (H)', 'view-flip-h')}
        {button('⇅', { type: 'flip', direction: 'vertical' }, 'Flip vertically (V)', 'view-flip-v')}
        {button('⟳', { type: 'rotate', degrees: 90 }, 'Rotate 90° clockwise (R)', 'view-rotate')}
        {button('Reset', { type: 'reset' }, 'Reset the view (Space)', 'view-reset')}
      </div>
      <div className="tool-group" aria-label="Cine">
        <button type="button" className={active.cine.playing ? 'on' : undefined} onClick={() => run({ type: 'cine-toggle' })} title="Cine play / stop (K)" data-testid="cine-toggle">
          {active.cine.playing ? '■' : '▶'}
        </button>
        <label className="fps-field" title="Cine frame rate (frames per second; + and − change it)">
          <input
            type="number"
            min={CINE_FPS_RANGE.min}
            max={CINE_FPS_RANGE.max}
            value={active.cine.fps}
            onChange={(event) => run({ type: 'cine-fps', delta: Number(event.target.value) - active.cine.fps })}
            data-testid="cine-fps"
            aria-label="Cine frames per second"
          />
        </label>
      </div>
      <div className="tool-group" aria-label="History">
        <button type="button" disabled={!history.canUndo} onClick={() => run({ type: 'undo' })} title="Undo the last annotation change (Ctrl+Z)" data-testid="undo">
          ↶
        </button>
        <button type="button" disabled={!history.canRedo} onClick={() => run({ type: 'redo' })} title="Redo the annotation change (Ctrl+Y)" data-testid="redo">
          ↷
        </button>
      </div>
      <div className="spacer" />
      <button type="button" className={hideIdentifiers ? 'on' : undefined} aria-pressed={hideIdentifiers} onClick={onToggleIdentifiers} title="Hide patient identifiers for screenshots (N)" data-testid="toggle-identifiers">
        {hideIdentifiers ? 'IDs hidden' : 'Hide IDs'}
      </button>
      <button type="button" onClick={onHelp} title="Keyboard shortcuts (?)" data-testid="help-open">
        ?
      </button>
    </div>
  );
}
