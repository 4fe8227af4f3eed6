import { describe, expect, it } from 'vitest';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { CT, useHostilePacs } from '../../support/hostile-pacs';

// A retrieve that fails forgets the cache entry it made when nothing arrived. When that clean-up
// fails too (the database refusing the deletion: here a real SQLite trigger, as a locked or
// read-only database would), the user must still be told why the retrieve failed, not why the
// clean-up did.
const pacs = useHostilePacs();

describe('a failed retrieve whose empty cache entry cannot be forgotten', () => {
  it("tells the retrieve's own error, not the clean-up's", async () => {
    const { dataDir, db } = pacs.workstation('retrieve-cleanup');
    db.exec("CREATE TRIGGER refuse_forgetting BEFORE DELETE ON pacs_cache_studies BEGIN SELECT RAISE(ABORT, 'the cache entry cannot be deleted now'); END");
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }), { idleTimeoutMs: 5000 });
    const error = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/answered "text\/html" instead of DICOM files/);
    expect(error?.message).not.toMatch(/cannot be deleted/);
    // The entry stays, holding nothing: the next retrieve of the study takes it up again.
    expect(db.prepare('SELECT bytes FROM pacs_cache_studies WHERE study_uid = ?').pluck().all(CT.studyInstanceUid)).toEqual([0]);
  });
});
