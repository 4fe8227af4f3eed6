import { dicomDate, dicomTime } from './dicom-datetime';

/** A DA and a TM value. */
export interface DicomDateTime {
  date: string;
  time: string;
}

/** The dates an object the app writes (SR, SEG) carries: Instance Creation (optional) and Content (Type 1). */
export interface ObjectDates {
  creation: DicomDateTime | null;
  content: DicomDateTime;
}

/** The dummy date and time the Basic Profile writes where a Type 1 date must stay (PS3.15 E.3.1, action D). */
const DUMMY: DicomDateTime = { date: '19000101', time: '000000' };

/** Dates of an identified export that declares no time zone (a SEG): the export's instant, in the workstation's local time. */
export function datesAt(now: Date): ObjectDates {
  const at = { date: dicomDate(now), time: dicomTime(now) };
  return { creation: at, content: at };
}

/**
 * Dates of an object that declares Timezone Offset From UTC "+0000" (an identified SR, a team
 * publication): that offset holds for its DA and TM too (PS3.3 C.12.1.1.8), so they are the
 * instant's UTC date and time, not the workstation's wall clock.
 */
export function utcDatesAt(now: Date): ObjectDates {
  const [date, time] = now.toISOString().split('T') as [string, string];
  const at = { date: date.replaceAll('-', ''), time: time.slice(0, 8).replaceAll(':', '') };
  return { creation: at, content: at };
}

/**
 * Dates of a de-identified export: the study's date and time as the de-identified images carry them
 * (shifted with every other date of the patient), never the export's, which would date the study.
 * Without a study date (dates removed) Content Date gets the Basic Profile's dummy and no Instance
 * Creation Date is written.
 * @param header - the study header of the de-identified images (StudyDate, StudyTime)
 */
export function datesOfDeidentifiedStudy(header: Record<string, unknown>): ObjectDates {
  const date = typeof header.StudyDate === 'string' && /^\d{8}$/.test(header.StudyDate) ? header.StudyDate : null;
  if (!date) return { creation: null, content: DUMMY };
  const time = typeof header.StudyTime === 'string' && /^\d{2}/.test(header.StudyTime) ? header.StudyTime : DUMMY.time;
  const at = { date, time };
  return { creation: at, content: at };
}
