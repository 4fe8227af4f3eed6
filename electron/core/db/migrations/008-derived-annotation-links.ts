import type { Migration } from '../migration';

/** The measured fields of lesion records (forms 1 and 2) that name the annotation a value came from. */
const MEASURED_FIELDS = ['largestDimensionMm', 'lesionWidthMm', 'boneDiameterMm', 'corticalThicknessMm', 'circumferentialInvolvementPct', 'axialInvolvementMm'] as const;

interface StoredMeasure {
  provenance?: { source?: string; annotationId?: string };
}
type StoredLesion = Record<string, unknown> & { spine?: { collapsePct?: StoredMeasure | null }; attachedAnnotationIds?: string[] };

function citedIds(record: StoredLesion): string[] {
  const measures = [...MEASURED_FIELDS.map((f) => record[f] as StoredMeasure | null | undefined), record.spine?.collapsePct];
  return measures.flatMap((m) => (m?.provenance?.source === 'annotation' && m.provenance.annotationId ? [m.provenance.annotationId] : []));
}

/**
 * From version 8 the lesion record is the one record of its drawings (the ones its measured values
 * cite, and the ones attached to it), and the annotations' lesion link is derived from it by the
 * core in the lesion's own transaction. Until now the renderer kept the two in step with one save per
 * annotation after the lesion's, so a crash between them could leave them disagreeing. Here each
 * drawing linked to a lesion of its own reader that no value cites is attached to that lesion's
 * record (nothing a reader linked is lost), and every link is derived once more, in the column and in
 * the record: a link to another reader's lesion, or to none that names it, is cleared. Self-contained
 * on purpose: a shipped migration never changes with the code.
 */
export const derivedAnnotationLinks: Migration = {
  version: 8,
  name: 'derived-annotation-links',
  up(db) {
    const lesions = db.prepare('SELECT id, study_uid, reader, record FROM lesions').all() as { id: string; study_uid: string; reader: string; record: string }[];
    const annotations = db.prepare('SELECT id, lesion_id, study_uid, reader FROM annotations').all() as { id: string; lesion_id: string | null; study_uid: string; reader: string }[];
    const writeLesion = db.prepare('UPDATE lesions SET record = ? WHERE id = ?');
    const naming = new Map<string, Set<string>>();
    for (const lesion of lesions) {
      const record = JSON.parse(lesion.record) as StoredLesion;
      const cited = citedIds(record);
      const attached = annotations
        .filter((a) => a.lesion_id === lesion.id && a.reader === lesion.reader && a.study_uid === lesion.study_uid && !cited.includes(a.id))
        .map((a) => a.id);
      const all = [...new Set([...(record.attachedAnnotationIds ?? []), ...attached])];
      if (attached.length > 0) writeLesion.run(JSON.stringify({ ...record, attachedAnnotationIds: all }), lesion.id);
      for (const id of new Set([...cited, ...all])) {
        const key = `${lesion.study_uid}\u0000${lesion.reader}\u0000${id}`;
        naming.set(key, (naming.get(key) ?? new Set()).add(lesion.id));
      }
    }
    const writeLink = db.prepare("UPDATE annotations SET lesion_id = ?, record = json_set(record, '$.lesionId', ?) WHERE id = ?");
    for (const a of annotations) {
      const named = naming.get(`${a.study_uid}\u0000${a.reader}\u0000${a.id}`);
      const derived = named && named.size === 1 ? [...named][0]! : null;
      if (derived !== a.lesion_id) writeLink.run(derived, derived, a.id);
    }
  },
};
