import type { Migration } from '../migration';

/**
 * What the worklist reads of each lesion, in a narrow table of its own, so that a worklist over
 * thousands of lesions reads short rows instead of parsing, validating and scoring every record
 * (issue 16; a lesions row, whole record inside, spills into overflow pages). Written with the
 * lesion, in the same transaction, under a new revision each time (never reused: what was read from
 * a revision stays true of it): the lesion's study, reader, origin and creation as its row holds them
 * (what the lists join, filter and sort on), its urgency and worst case, and as JSON (`summary`) what
 * the worklist shows of its record and scores, with the rule set they were scored under. Any other
 * change of a lesions row removes its worklist row (a trigger). Lesions stored before have no row here: the app scores them at start,
 * and the worklist scores from its record any lesion without a row under the current rule set, so a
 * stored urgency never outlives the rules that made it.
 */
export const lesionWorklist: Migration = {
  version: 11,
  name: 'lesion-worklist',
  up(db) {
    db.exec(`
      CREATE TABLE lesion_worklist (
        revision INTEGER PRIMARY KEY AUTOINCREMENT,
        lesion_id TEXT NOT NULL UNIQUE REFERENCES lesions(id) ON DELETE CASCADE,
        study_uid TEXT NOT NULL,
        reader TEXT NOT NULL,
        origin TEXT,
        created_at TEXT NOT NULL,
        urgency TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'surgical-opinion', 'routine')),
        worst_case TEXT NOT NULL CHECK (worst_case IN ('emergency', 'urgent', 'surgical-opinion', 'routine')),
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        rule_set TEXT NOT NULL
      ) STRICT;
      CREATE INDEX lesion_worklist_by_rule_set ON lesion_worklist(rule_set);
      CREATE INDEX lesion_worklist_by_reader ON lesion_worklist(reader, rule_set);
      CREATE INDEX lesion_worklist_by_study ON lesion_worklist(study_uid);
      -- A lesions row changed by anything but the app's write (which writes this row again after it)
      -- leaves no worklist row: the lesion is read from its record until its row is written again.
      CREATE TRIGGER lesion_worklist_outdated AFTER UPDATE ON lesions
        BEGIN DELETE FROM lesion_worklist WHERE lesion_id = OLD.id OR lesion_id = NEW.id; END;
    `);
  },
};
