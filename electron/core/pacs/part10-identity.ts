import dicomParser from '../dicom/dicom-parser';
import { wholeFile } from './arrived-file';
import type { ArrivedFile } from './pacs-transport';

/** What a Part 10 file says it is: its study, series and SOP instance ('' where unreadable). */
export interface Part10Identity {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

const UNREADABLE: Part10Identity = { studyInstanceUid: '', seriesInstanceUid: '', sopInstanceUid: '' };
const SERIES_UID = 'x0020000e';

/**
 * Reads UIDs from a file's first bytes; null when those bytes end before the Series Instance
 * UID does (the header runs past them: only the whole file tells).
 */
function readIdentity(bytes: Uint8Array, whole: boolean): Part10Identity | null {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: SERIES_UID });
    const series = ds.elements[SERIES_UID];
    if (!whole && (!series || series.dataOffset + series.length > bytes.length)) return null;
    const uid = (tag: string) => (ds.string(tag) ?? '').replace(/\0/g, '').trim();
    return { studyInstanceUid: uid('x0020000d'), seriesInstanceUid: uid(SERIES_UID), sopInstanceUid: uid('x00080018') || uid('x00020003') };
  } catch {
    return whole ? UNREADABLE : null;
  }
}

/** Reads a Part 10 file's UIDs from its header (the meta header's SOP Instance UID if the data set has none). */
export function identityOf(bytes: Uint8Array): Part10Identity {
  return readIdentity(bytes, true)!;
}

/** Identities already read, by file: the transport reads one to match the file to its request, the cache writer checks it again. */
const readBefore = new WeakMap<ArrivedFile, Part10Identity>();

/** The UIDs of an arrived file, read from its head (once per file); from the whole file when the header runs past the head. */
export function arrivedIdentity(file: ArrivedFile): Part10Identity {
  let identity = readBefore.get(file);
  if (!identity) {
    identity = readIdentity(file.head, file.head.length >= file.size) ?? identityOf(wholeFile(file));
    readBefore.set(file, identity);
  }
  return identity;
}
