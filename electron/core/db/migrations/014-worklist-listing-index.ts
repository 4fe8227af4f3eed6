import type { Migration } from '../migration';

/**
 * An index holding every column the worklist lists from a worklist row but its summary, so that a
 * worklist reads the index alone: a scan of the table reads each row's summary JSON (about 1 KB) to
 * skip it, and over 10,000 lesions took twice as long (22 against 12 ms). Led by the rule set, then
 * the reader, it serves the team's worklist and one reader's.
 */
export const worklistListingIndex: Migration = {
  version: 14,
  name: 'worklist-listing-index',
  up(db) {
    db.exec('CREATE INDEX lesion_worklist_listing ON lesion_worklist(rule_set, reader, lesion_id, study_uid, origin)');
  },
};
