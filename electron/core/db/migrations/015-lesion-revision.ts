import type { Migration } from '../migration';

/**
 * A lesion's revision: a number its row takes at every save of the record (a form, the CLI, an SR
 * restored, a team version received), so that a save made from a form read at an older revision is
 * refused instead of silently undoing the change made meanwhile (lesion-revision.ts). A lesion created
 * again under an id it had takes a revision above every one it had before: its audited changes count,
 * and the audit log only grows. A stored lesion starts at the number of its audited changes (at least 1).
 * The worklist row's trigger (migration 11) is set again to ignore the revision: a number the app
 * writes with the record says nothing new about it.
 */
export const lesionRevision: Migration = {
  version: 15,
  name: 'lesion-revision',
  up(db) {
    db.exec(`
      DROP TRIGGER lesion_worklist_outdated;
      ALTER TABLE lesions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
      UPDATE lesions SET revision = max(1, (SELECT count(*) FROM audit_log a WHERE a.entity_id = lesions.id AND a.entity = 'lesion'));
      CREATE TRIGGER lesion_worklist_outdated AFTER UPDATE OF id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at, origin ON lesions
        BEGIN DELETE FROM lesion_worklist WHERE lesion_id = OLD.id OR lesion_id = NEW.id; END;
    `);
  },
};
