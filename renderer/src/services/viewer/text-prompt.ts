/** Shows a text question to the reader and resolves with the answer, or null when cancelled. */
export type TextPrompter = (title: string, initial: string) => Promise<string | null>;

let prompter: TextPrompter | null = null;

/**
 * Lets the UI answer the tools' text questions (arrow labels) with its own dialog; Electron has no
 * window.prompt. Returns a function that removes the prompter again.
 * @param next - the dialog opener
 */
export function setTextPrompter(next: TextPrompter): () => void {
  prompter = next;
  return () => {
    if (prompter === next) prompter = null;
  };
}

/**
 * Asks the reader for a text through the registered dialog; null when none is mounted.
 * @param title - what is asked
 * @param initial - the text to start from
 */
export function requestText(title: string, initial: string): Promise<string | null> {
  return prompter ? prompter(title, initial) : Promise.resolve(null);
}
