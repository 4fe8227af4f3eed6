import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { writeTransactionUnlessSettled } from '../db/write-transaction';

/** A patient's research identity: the pseudonym that replaces name and ID, and the date shift. */
export interface PatientPseudonym {
  pseudonym: string;
  /** Whole days added to every date of the patient's exports (negative: earlier). */
  dateShiftDays: number;
}

/** Date shifts are drawn between one and ten years back, whole days, so weekdays are not kept either. */
const SHIFT_RANGE_DAYS = [365, 3651] as const;

/**
 * The pseudonym of a patient (by the index's patient key), minted on first export as "BONEMET-"
 * and the next number, with a random date shift; both kept for every later export so that a
 * patient's studies stay linked and their intervals true. The table stays on this machine.
 */
export function patientPseudonym(db: Database.Database, patientKey: string): PatientPseudonym {
  // Every later export of the patient only reads: it never waits behind an import's write lock.
  return writeTransactionUnlessSettled(db, () => knownPseudonym(db, patientKey), () => {
    const last = db.prepare("SELECT max(CAST(substr(pseudonym, 9) AS INTEGER)) FROM pseudonym_patients WHERE pseudonym LIKE 'BONEMET-%'").pluck().get() as number | null;
    const pseudonym = `BONEMET-${String((last ?? 0) + 1).padStart(4, '0')}`;
    const dateShiftDays = -randomInt(SHIFT_RANGE_DAYS[0], SHIFT_RANGE_DAYS[1]);
    db.prepare('INSERT INTO pseudonym_patients (patient_key, pseudonym, date_shift_days, created_at) VALUES (?, ?, ?, ?)').run(patientKey, pseudonym, dateShiftDays, new Date().toISOString());
    return { pseudonym, dateShiftDays };
  });
}

/** The pseudonym a patient was given at an earlier export, if any. */
function knownPseudonym(db: Database.Database, patientKey: string): PatientPseudonym | undefined {
  const known = db.prepare('SELECT pseudonym, date_shift_days FROM pseudonym_patients WHERE patient_key = ?').get(patientKey) as
    | { pseudonym: string; date_shift_days: number }
    | undefined;
  return known && { pseudonym: known.pseudonym, dateShiftDays: known.date_shift_days };
}
