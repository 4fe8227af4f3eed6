// Control characters (C0 but for the line breaks, DEL, C1) and the bidi embeddings, overrides and
// isolates (U+202A-202E, U+2066-2069). The marks LRM/RLM are left: ISO 8859-8 (Hebrew) has them.
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const LINE_BREAK = /[\t\n\r]/gu;

/**
 * A DICOM text value (name, ID, description) as the app shows and stores it: without the control
 * characters no such value may hold (PS3.5 6.2), nor the bidi overrides that would reverse what
 * follows the value on the same line ("Removed 3 instances of <name>"); a tab or line break
 * becomes a space.
 */
export function displayableText(text: string): string {
  return text.replace(LINE_BREAK, ' ').replace(HIDDEN, '');
}

/** Whether a text holds what displayableText takes out or changes: a control character, a tab or line break, a bidi override. */
export function hidesText(text: string): boolean {
  return displayableText(text) !== text;
}
