import type Database from 'better-sqlite3';

/** How many instances of each study the index holds, for the UIDs given (absent: none). */
export function localStudyInstances(db: Database.Database, studyUids: readonly string[]): Map<string, number> {
  if (studyUids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT st.study_uid AS uid, count(i.id) AS n FROM studies st JOIN series se ON se.study_ref = st.id JOIN instances i ON i.series_ref = se.id
       WHERE st.study_uid IN (SELECT value FROM json_each(?)) GROUP BY st.id`,
    )
    .all(JSON.stringify(studyUids)) as { uid: string; n: number }[];
  return new Map(rows.map((r) => [r.uid, r.n]));
}

/** How many instances of each series the index holds, for the UIDs given (absent: none). */
export function localSeriesInstances(db: Database.Database, seriesUids: readonly string[]): Map<string, number> {
  if (seriesUids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT se.series_uid AS uid, count(i.id) AS n FROM series se JOIN instances i ON i.series_ref = se.id
       WHERE se.series_uid IN (SELECT value FROM json_each(?)) GROUP BY se.id`,
    )
    .all(JSON.stringify(seriesUids)) as { uid: string; n: number }[];
  return new Map(rows.map((r) => [r.uid, r.n]));
}
