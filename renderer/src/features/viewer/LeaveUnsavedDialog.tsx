import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { guardLeaving, guardUnloading, leaveTo } from '../../app/leave-guard';
import { useExternalStore } from '../../app/use-external-store';
import type { AnnotationPersistence } from '../../services/viewer/annotation-persistence';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { currentInitials, ReaderDialog } from '../reader';
import { measurementName } from './measurement-format';

/** Where the dialog is: asking, naming the reader, or waiting for the saves that naming started. */
type Step = { name: 'asking' | 'naming' | 'saving'; target: string };

/**
 * Holds the app's own navigation away from the viewer while drawings are not saved (no reader named,
 * a save that failed or was refused) and asks the reader: stay, name themselves and save (then go
 * on), or leave knowing the drawings are dropped; closing or reloading the window asks too. A viewer
 * never drops a reader's work silently.
 */
export function LeaveUnsavedDialog({ session, persistence }: { session: ViewerSession; persistence: AnnotationPersistence }) {
  const [step, setStep] = useState<Step | null>(null);
  const { unsaved, pending } = useExternalStore(persistence.state);
  const { annotations } = useExternalStore(session.annotations.list);

  useEffect(
    () =>
      guardLeaving((target) => {
        if (persistence.state.get().unsaved.size === 0) return true;
        setStep({ name: 'asking', target });
        return false;
      }),
    [persistence],
  );
  // Closing or reloading the tab or window would drop them too: the platform asks there.
  useEffect(() => guardUnloading(() => persistence.state.get().unsaved.size > 0), [persistence]);
  // Once named, the waiting drawings are saved: the reader goes on where they were going, or is
  // asked again about those that still failed.
  useEffect(() => {
    if (step?.name !== 'saving' || pending > 0) return;
    if (unsaved.size === 0) leaveTo(step.target);
    else setStep({ ...step, name: 'asking' });
  }, [step, pending, unsaved]);

  if (!step || step.name === 'saving') return null;
  if (step.name === 'naming') {
    return <ReaderDialog initial={null} onClose={() => setStep({ ...step, name: currentInitials() ? 'saving' : 'asking' })} />;
  }
  const items = annotations.filter((a) => unsaved.has(a.annotationUid));
  const stay = () => setStep(null);
  return (
    <Dialog
      title="Drawings not saved"
      onClose={stay}
      testId="leave-unsaved"
      footer={
        <>
          <button type="button" className="danger" onClick={() => leaveTo(step.target)} data-testid="leave-drop">
            Leave and drop {items.length === 1 ? 'it' : 'them'}
          </button>
          {persistence.waitsForReader() && (
            <button type="button" onClick={() => setStep({ ...step, name: 'naming' })} data-testid="leave-name-reader">
              Name the reader and save
            </button>
          )}
          <button type="button" className="primary" autoFocus onClick={stay} data-testid="leave-stay">
            Stay
          </button>
        </>
      }
    >
      <p data-testid="leave-unsaved-summary">
        {items.length === 1 ? '1 drawing on this study is' : `${items.length} drawings on this study are`} not saved: leaving the viewer drops {items.length === 1 ? 'it' : 'them'}.
      </p>
      <ul className="leave-unsaved-list">
        {items.map((a) => (
          <li key={a.annotationUid} data-testid="leave-unsaved-item">
            {measurementName(a.toolName)}: {unsaved.get(a.annotationUid)}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
