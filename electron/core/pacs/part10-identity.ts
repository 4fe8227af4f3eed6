import dicomParser from 'dicom-parser';

/** The SOP Instance UID a Part 10 file says it holds (its meta header's, else its data set's), or '' when unreadable. */
export function sopInstanceUidOf(bytes: Uint8Array): string {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x00080018' });
    const uid = (tag: string) => (ds.string(tag) ?? '').replace(/\0/g, '').trim();
    return uid('x00080018') || uid('x00020003');
  } catch {
    return '';
  }
}
