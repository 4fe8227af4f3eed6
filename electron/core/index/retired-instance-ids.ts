import type Database from 'better-sqlite3';

/**
 * The settings key holding the highest instance id given before instances were deleted. SQLite
 * gives a new row the highest id in the table plus one: deleting the last instances (an
 * eviction, a file replaced) would hand their ids to the next ones.
 */
const FLOOR_KEY = 'instance_id_floor';

/**
 * Records, before instances are deleted, the highest id given so far, so that no instance
 * indexed later is given one of theirs: an id is an image's name in the viewer, which keeps what
 * it loaded under that name.
 */
export function retireInstanceIds(db: Database.Database): void {
  db.prepare(
    `INSERT INTO settings (key, value) SELECT ?, CAST(top AS TEXT) FROM (SELECT max(id) AS top FROM instances) WHERE top IS NOT NULL
     ON CONFLICT(key) DO UPDATE SET value = CAST(max(CAST(settings.value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
  ).run(FLOOR_KEY);
}

/**
 * The SQL expression of a new instance's id: past the retired ids when the table's own highest
 * is not, else NULL (SQLite's own choice, the table's highest plus one).
 */
export const NEW_INSTANCE_ID_SQL = `(SELECT CAST(value AS INTEGER) + 1 FROM settings WHERE key = '${FLOOR_KEY}'
  AND CAST(value AS INTEGER) >= coalesce((SELECT max(id) FROM instances), 0))`;
