import type { DataSet, Element } from 'dicom-parser';

/** dicom-parser's warnings when the bytes end inside an undefined-length sequence or item (not its VR peek at the last element). */
const ENDS_IN_SEQUENCE = /^eof encountered before finding .*(while reading sequence|in sequence (item )?of undefined length)/;

/**
 * Why a data set parsed from every byte of a file shows the file to be cut short, or null.
 *
 * dicom-parser does not fail on every truncation: in Implicit VR it stops quietly at an element
 * whose length runs past the end, and it only warns when the bytes end inside an undefined-length
 * sequence. Either way the data set lacks what the rest of the file held (in Explicit VR the same
 * cut fails loudly), so such a file is reported rather than indexed without its pixel data.
 * @param dataSet - a data set parsed from the whole file
 * @param stoppedAt - the tag the parse stopped at (the pixel data), whose value is not read here
 */
export function truncationOf(dataSet: DataSet, stoppedAt: string): string | null {
  if (dataSet.warnings?.some((warning) => ENDS_IN_SEQUENCE.test(warning))) {
    return 'the file ends inside a sequence: it is truncated, or a sequence in its header is corrupt';
  }
  const end = dataSet.byteArray.length;
  const runsPast = (element: Element) => element.dataOffset + element.length > end;
  const overrun = (set: DataSet, topLevel: boolean): string | null => {
    for (const element of Object.values(set.elements)) {
      if (topLevel && element.tag === stoppedAt) continue;
      if (runsPast(element)) return element.tag;
      for (const item of element.items ?? []) {
        if (runsPast(item)) return element.tag;
        const inner = item.dataSet ? overrun(item.dataSet, false) : null;
        if (inner) return inner;
      }
    }
    return null;
  };
  const tag = overrun(dataSet, true);
  if (!tag) return null;
  const name = `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();
  return `the file ends inside element ${name}: it is truncated, or a length in its header is corrupt`;
}
