import type Database from 'better-sqlite3';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { planeFields, type MeasuredMm } from '@shared/lesion/measurement';
import type { MeasurementSpacing } from '@shared/dicom/measurement-spacing';
import { instanceMeasurementSpacing } from '../index/instance-queries';
import { preparedStatement } from '../db/prepared-statement';
import { withStoredWorstArc } from './worst-arc';

/** The lesion's lengths in mm, which a radiograph's plane can qualify. */
const LENGTH_FIELDS = ['largestDimensionMm', 'lesionWidthMm', 'boneDiameterMm', 'corticalThicknessMm', 'axialInvolvementMm'] as const;

/**
 * Where the lengths of the image a drawing lies on are (measurementSpacing): its instance's; the
 * patient's for a drawing on a reformat (a CT or MR volume); null when the drawing or its image is not here.
 */
function drawingSpacing(db: Database.Database, annotationId: string): Pick<MeasurementSpacing, 'plane' | 'maxMagnification'> | null {
  const row = preparedStatement(db, 'SELECT sop_instance_uid AS sop FROM annotations WHERE id = ?').get(annotationId) as { sop: string | null } | undefined;
  if (!row) return null;
  if (row.sop === null) return { plane: 'patient' };
  return instanceMeasurementSpacing(db, row.sop) ?? null;
}

/** A length qualified by the plane its drawing's image lies in (and a detector's wider magnification): a patient-plane length carries none. */
function withPlane(measured: MeasuredMm, spacing: Pick<MeasurementSpacing, 'plane' | 'maxMagnification'>): MeasuredMm {
  const { spacingPlane: _old, maxMagnification: _oldMagnification, ...rest } = measured;
  return { ...rest, ...planeFields(spacing.plane, spacing.maxMagnification) };
}

/**
 * The lesion with each length measured on a drawing marked with the plane of the drawing's image,
 * read from the index rather than trusted from the caller: a radiograph's detector-plane mm are
 * then scored as a range over the magnification, never as the patient's size. A length whose
 * drawing or image is not here keeps what the record says (a restored or received record).
 */
export function withMeasuredPlanes(db: Database.Database, lesion: Lesion): Lesion {
  let out = lesion;
  for (const field of LENGTH_FIELDS) {
    const measured = lesion[field];
    if (measured?.provenance.source !== 'annotation') continue;
    const spacing = drawingSpacing(db, measured.provenance.annotationId);
    if (spacing !== null) out = { ...out, [field]: withPlane(measured, spacing) };
  }
  return out;
}

/**
 * A stored lesion record (any released form) read as the current one, its lengths marked with
 * their drawings' planes and its circumferential involvement from its worst arc: a record saved
 * before lengths named their plane, or before the worst arc was scored, scores as it should.
 */
export function parseStoredLesion(db: Database.Database, record: string): Lesion {
  return withMeasuredPlanes(db, withStoredWorstArc(db, StoredLesionSchema.parse(JSON.parse(record))));
}
