import dicomParser from 'dicom-parser';

/** What a Part 10 file says it is: its study, series and SOP instance ('' where unreadable). */
export interface Part10Identity {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

/** Reads a Part 10 file's UIDs from its header (the meta header's SOP Instance UID if the data set has none). */
export function identityOf(bytes: Uint8Array): Part10Identity {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x0020000e' });
    const uid = (tag: string) => (ds.string(tag) ?? '').replace(/\0/g, '').trim();
    return { studyInstanceUid: uid('x0020000d'), seriesInstanceUid: uid('x0020000e'), sopInstanceUid: uid('x00080018') || uid('x00020003') };
  } catch {
    return { studyInstanceUid: '', seriesInstanceUid: '', sopInstanceUid: '' };
  }
}
