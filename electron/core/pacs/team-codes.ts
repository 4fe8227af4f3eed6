import type { Code } from '../export/dicom/codes';
import { bm } from '../export/sr/private-codes';

/**
 * The app's private codes (scheme 99BONEMET) that publications to the team add to what an SR
 * export writes: who published it from where and which version it is, the lesions a version
 * withdraws, and the specialist's decision document.
 */
export const TEAM = {
  workstationName: bm('BM-WS-NAME', 'Publishing workstation'),
  workstationUid: bm('BM-WS-UID', 'Publishing workstation UID'),
  documentVersion: bm('BM-DOC-VERSION', 'Document version'),
  withdrawn: bm('BM-WITHDRAWN', 'Lesions withdrawn by this version'),
  decisionDocument: bm('BM-DECISION-DOC', "Specialist's decision on a bone lesion"),
  decision: bm('BM-DECISION', 'Treatment decision'),
  comment: bm('BM-COMMENT', "Specialist's comment"),
  role: bm('BM-ROLE', "Observer's role"),
  readerName: bm('BM-READER-NAME', "Reader's name as signed in"),
} as const satisfies Record<string, Code>;

/** The value code of one decision ("BM-DEC-radiotherapy"). */
export function decisionCode(decision: string, meaning: string): Code {
  return bm(`BM-DEC-${decision}`, meaning);
}
