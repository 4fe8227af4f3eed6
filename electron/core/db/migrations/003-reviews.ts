import type { Migration } from '../migration';

/** Surgeons' reviews of flagged lesions, kept whole as validated JSON like lesions. */
export const reviews: Migration = {
  version: 3,
  name: 'reviews',
  up(db) {
    db.exec(`
      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        lesion_id TEXT NOT NULL REFERENCES lesions(id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        record TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_by_lesion ON reviews(lesion_id, created_at);
    `);
  },
};
