import type Database from 'better-sqlite3';

/** What the worklist shows of a lesion's study, patient and origin (the received document, or the reader here). */
export interface LesionContext {
  patientName: string | null;
  patientId: string | null;
  studyDate: string | null;
  readerName: string | null;
  workstation: string | null;
  workstationId: string | null;
  version: number | null;
}

interface StudyRow {
  patient_name: string | null;
  patient_id: string | null;
  study_date: string | null;
}

interface DocumentRow extends StudyRow {
  reader_name: string | null;
  workstation: string;
  workstation_id: string;
  version: number;
}

function memo<T>(look: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, look(key));
    return seen.get(key)!;
  };
}

/**
 * Looks up each lesion's study, patient and origin once per distinct study, document and reader
 * (a study holds several lesions; joining them row by row cost most of a worklist's time). Each is
 * what the worklist's joins gave: the study here first, else what the received document carried;
 * the document's reader name, else the name signed in here (for a lesion recorded here).
 */
export function lesionContexts(db: Database.Database): (lesion: { study_uid: string; origin: string | null; reader: string }) => LesionContext {
  const study = memo((uid) => db.prepare('SELECT p.patient_name, p.patient_id, st.study_date FROM studies st LEFT JOIN patients p ON p.id = st.patient_ref WHERE st.study_uid = ?').get(uid) as StudyRow | undefined);
  const document = memo(
    (key) => db.prepare('SELECT patient_name, patient_id, study_date, reader_name, workstation, workstation_id, version FROM received_documents WHERE document_key = ?').get(key) as DocumentRow | undefined,
  );
  const readerName = memo((initials) => (db.prepare('SELECT name FROM readers WHERE initials = ?').pluck().get(initials) as string | undefined) ?? null);
  return (lesion) => {
    const here = study(lesion.study_uid);
    const received = lesion.origin === null ? undefined : document(lesion.origin);
    return {
      patientName: here?.patient_name ?? received?.patient_name ?? null,
      patientId: here?.patient_id ?? received?.patient_id ?? null,
      studyDate: here?.study_date ?? received?.study_date ?? null,
      readerName: received?.reader_name ?? (lesion.origin === null ? readerName(lesion.reader) : null),
      workstation: received?.workstation ?? null,
      workstationId: received?.workstation_id ?? null,
      version: received?.version ?? null,
    };
  };
}

/** The lesions that have at least one review. */
export function reviewedLesions(db: Database.Database): Set<string> {
  return new Set(db.prepare('SELECT DISTINCT lesion_id FROM reviews').pluck().all() as string[]);
}
