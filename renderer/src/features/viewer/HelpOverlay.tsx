import { Dialog } from '../../components/Dialog';
import { SHORTCUTS, type Shortcut } from './shortcuts';

const GROUPS: Shortcut['group'][] = ['Tools', 'Window', 'View', 'Slices', 'Annotations', 'Screen'];
const MOUSE: [string, string][] = [
  ['Left drag', 'The active tool (window / level by default)'],
  ['Right drag', 'Zoom'],
  ['Middle drag', 'Pan'],
  ['Wheel', 'Previous / next slice'],
];

/** Every keyboard shortcut and mouse binding of the viewer, from the same table the keys use. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard and mouse" onClose={onClose} testId="viewer-help" wide>
      <div className="help-grid">
        <section>
          <h3>Mouse</h3>
          <dl className="help-list">
            {MOUSE.map(([keys, label]) => (
              <div key={keys}>
                <dt>{keys}</dt>
                <dd>{label}</dd>
              </div>
            ))}
          </dl>
        </section>
        {GROUPS.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl className="help-list">
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <div key={s.keys + s.label} data-testid="help-shortcut">
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="muted small" data-testid="help-form-undo">
          In the lesion form, Ctrl+Z and Ctrl+Y undo and redo form edits; with the image in focus they undo and redo drawings.
        </p>
      </div>
    </Dialog>
  );
}
