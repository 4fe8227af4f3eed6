import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { setTextPrompter } from '../../services/viewer/text-prompt';

interface Pending {
  title: string;
  initial: string;
  resolve(text: string | null): void;
}

/** Answers the tools' text questions (arrow labels) with an in-app dialog: Electron has no window.prompt. */
export function TextPromptDialog() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(
    () =>
      setTextPrompter(
        (title, initial) =>
          new Promise((resolve) => {
            setText(initial);
            setPending({ title, initial, resolve });
          }),
      ),
    [],
  );
  useEffect(() => input.current?.focus(), [pending]);
  if (!pending) return null;
  const finish = (answer: string | null) => {
    pending.resolve(answer);
    setPending(null);
  };
  return (
    <Dialog
      title={pending.title}
      onClose={() => finish(null)}
      testId="text-prompt"
      footer={
        <>
          <button type="button" onClick={() => finish(null)} data-testid="text-prompt-cancel">
            Cancel
          </button>
          <button type="submit" form="text-prompt-form" className="primary" data-testid="text-prompt-ok">
            OK
          </button>
        </>
      }
    >
      <form id="text-prompt-form" onSubmit={(event) => (event.preventDefault(), finish(text))}>
        <input ref={input} className="text-prompt-input" value={text} onChange={(event) => setText(event.target.value)} data-testid="text-prompt-input" />
      </form>
    </Dialog>
  );
}
