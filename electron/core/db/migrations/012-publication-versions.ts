import type { Migration } from '../migration';

/**
 * A workstation never publishes a version number twice, and a new PACS gets what the old one
 * holds. pacs_outbox.numbering_checked: whether a findings publication's version was checked
 * against the versions of its document the PACS already holds (done once, before its first send;
 * a row tried before this migration may have been sent, so it counts as checked and is never
 * renumbered). pacs_outbox.purpose: 'change' (a change made here) or 'new-pacs' (a version already
 * published, sent again to a PACS that does not hold it). pacs_documents.snapshot: the content of
 * the document's last version fixed; sent_to: the PACS URL it was stored on (NULL until sent).
 * Documents published before hold no snapshot; their last version counts as stored on the PACS
 * set now unless it still waits in the outbox. pacs_series_looked: how many instances each team
 * series held on a PACS (by URL) when this workstation last looked at it, so that a sync lists only
 * series that changed there; another PACS's series are looked at afresh (the instances seen on the
 * old one say nothing of the new one's). It starts from what was seen on the PACS set now.
 */
export const publicationVersions: Migration = {
  version: 12,
  name: 'publication-versions',
  up(db) {
    db.exec(`
      ALTER TABLE pacs_outbox ADD COLUMN numbering_checked INTEGER NOT NULL DEFAULT 0 CHECK (numbering_checked IN (0, 1));
      UPDATE pacs_outbox SET numbering_checked = 1 WHERE attempts > 0;
      ALTER TABLE pacs_outbox ADD COLUMN purpose TEXT NOT NULL DEFAULT 'change' CHECK (purpose IN ('change', 'new-pacs'));
      ALTER TABLE pacs_documents ADD COLUMN snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot));
      ALTER TABLE pacs_documents ADD COLUMN sent_to TEXT;
      UPDATE pacs_documents SET sent_to = (SELECT url FROM pacs_server WHERE id = 1)
        WHERE sop_instance_uid NOT IN (SELECT sop_instance_uid FROM pacs_outbox WHERE sop_instance_uid IS NOT NULL);

      CREATE TABLE pacs_series_looked (
        url TEXT NOT NULL,
        series_uid TEXT NOT NULL,
        instances INTEGER NOT NULL CHECK (instances >= 0),
        PRIMARY KEY (url, series_uid)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO pacs_series_looked (url, series_uid, instances)
        SELECT s.url, p.series_uid, COUNT(*) FROM pacs_seen p JOIN pacs_server s ON s.id = 1 GROUP BY p.series_uid;
    `);
  },
};
