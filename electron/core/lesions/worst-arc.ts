import type Database from 'better-sqlite3';
import { StoredAnnotationSchema, type Annotation } from '@shared/annotation/annotation';
import { lesionAnnotationIds } from '@shared/lesion/cited-annotations';
import type { Lesion } from '@shared/lesion/lesion';
import { withWorstArc } from '@shared/lesion/worst-arc';
import { preparedStatement } from '../db/prepared-statement';

// The stored side of shared/lesion/worst-arc.ts: a lesion saved, read or followed after one of its
// arcs was redrawn is scored from its worst stored arc.

/** The lesion's stored drawings (its own reader's, on its study). */
function storedDrawings(db: Database.Database, lesion: Lesion): Annotation[] {
  const read = preparedStatement(db, 'SELECT record FROM annotations WHERE id = ? AND study_uid = ? AND reader = ?').pluck();
  return lesionAnnotationIds(lesion).flatMap((id) => {
    const record = read.get(id, lesion.studyInstanceUid, lesion.reader) as string | undefined;
    return record === undefined ? [] : [StoredAnnotationSchema.parse(JSON.parse(record))];
  });
}

/** The lesion with its circumferential involvement from its worst stored arc (the same object when the linked one is the worst, or the value is not linked to an arc). */
export function withStoredWorstArc(db: Database.Database, lesion: Lesion): Lesion {
  if (lesion.circumferentialInvolvementPct?.provenance.source !== 'annotation') return lesion;
  return withWorstArc(lesion, storedDrawings(db, lesion));
}
