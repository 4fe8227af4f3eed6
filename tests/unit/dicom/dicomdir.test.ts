import type { DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { dicomdirReferencedFiles } from '../../../electron/core/dicom/dicomdir';

/** A DICOMDIR data set with directory records naming the given Referenced File IDs. */
function dicomdirWith(...fileIds: string[]): DataSet {
  const items = fileIds.map((id) => ({ tag: 'xfffee000', length: 0, dataOffset: 0, dataSet: { string: (tag: string) => (tag === 'x00041500' ? id : undefined) } }));
  return { elements: { x00041220: { tag: 'x00041220', length: 0, dataOffset: 0, items } } } as unknown as DataSet;
}

describe('DICOMDIR references', () => {
  it('resolve backslash-separated File IDs under the DICOMDIR folder', () => {
    expect(dicomdirReferencedFiles(dicomdirWith('77654033\\CT2\\17106', 'IMAGES\\IM0001', 'dicom\\im_0002.dcm'), '/media/cd/DICOMDIR')).toEqual({
      files: ['/media/cd/77654033/CT2/17106', '/media/cd/IMAGES/IM0001', '/media/cd/dicom/im_0002.dcm'],
      refused: [],
    });
  });

  it('never lead outside the DICOMDIR folder, whatever a crafted File ID says', () => {
    const crafted = dicomdirWith('..\\..\\etc\\passwd', 'a/../../../etc\\shadow', '/etc/passwd', 'C:\\WINDOWS\\win.ini', '.\\..\\x', 'OK\\FILE1');
    const { files, refused } = dicomdirReferencedFiles(crafted, '/media/cd/DICOMDIR');
    expect(files).toEqual(['/media/cd/OK/FILE1']);
    // Each refused one is named, so that the import report accounts for it.
    expect(refused.map((r) => [r.fileId, /lead out of/.test(r.reason) ? 'out' : /not a valid File ID/.test(r.reason) ? 'invalid' : r.reason])).toEqual([
      ['..\\..\\etc\\passwd', 'out'],
      ['a/../../../etc\\shadow', 'invalid'],
      ['/etc/passwd', 'invalid'],
      ['C:\\WINDOWS\\win.ini', 'invalid'],
      ['.\\..\\x', 'out'],
    ]);
  });
});
