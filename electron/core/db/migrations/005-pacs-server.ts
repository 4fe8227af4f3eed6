import type { Migration } from '../migration';

/**
 * The PACS that SR exports are sent to (DICOMweb root and an optional Authorization header).
 * One row at most: the app sends to one configured server. The header is a credential: it stays
 * on this machine and the UI is only ever told its scheme.
 */
export const pacsServer: Migration = {
  version: 5,
  name: 'pacs-server',
  up(db) {
    db.exec(`
      CREATE TABLE pacs_server (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        auth_header TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
