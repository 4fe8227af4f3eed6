import { displayableText } from './displayable-text';

/**
 * A DICOM PN as a reader expects it: "FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX" becomes
 * "FAMILY, GIVEN MIDDLE" (prefix and suffix around it), and an empty name "(no name)".
 * One formatter for the screens and the exports, so a surgeon reads the same name on both.
 * @param pn - the stored PatientName; its first non-empty group (alphabetic, ideographic, phonetic) is shown
 */
export function formatPatientName(pn: string): string {
  const alphabetic = displayableText(pn).split('=').find((group) => group.replaceAll('^', '').trim() !== '') ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic.split('^').map((part) => part.trim());
  const givenNames = [prefix, given, middle].filter(Boolean).join(' ');
  const name = [family, givenNames].filter(Boolean).join(', ');
  const full = [name, suffix].filter(Boolean).join(' ');
  return full || '(no name)';
}
