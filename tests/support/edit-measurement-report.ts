import fs from 'node:fs';
import { denaturalize, encodePart10Dict, naturalize, parsePart10 } from '../../electron/core/export/dicom/part10-io';
import { isoToDicomDateTime } from '../../electron/core/export/dicom/dicom-datetime';
import { SR } from '../../electron/core/export/dicom/codes';
import { childNamed, childrenNamed, childrenOf, conceptOf, isCode, type ContentNode } from '../../electron/core/export/sr/content-reader';
import { BM } from '../../electron/core/export/sr/private-codes';

/** What an edit of a report changes on every lesion and annotation it holds. */
export interface ReportEdit {
  /** The reader the records name. */
  reader?: string;
  /** When they were last updated (ISO 8601). */
  updatedAt?: string;
  /** The lesions' note. */
  note?: string;
}

type RecordFields = { reader: string; updatedAt: string; note?: string };

/** Sets a TEXT or DATETIME child's value, adding the child when a note was empty (and so not written). */
function setChild(node: ContentNode, code: typeof BM.reader, keyword: 'TextValue' | 'DateTime', value: string): void {
  const child = childNamed(node, code);
  if (child) child[keyword] = value;
  else (node.ContentSequence as ContentNode[]).push({ RelationshipType: 'CONTAINS', ValueType: 'TEXT', ConceptNameCodeSequence: [{ CodeValue: code.value, CodingSchemeDesignator: code.scheme, CodeMeaning: code.meaning }], TextValue: value });
}

function applyTo(node: ContentNode, record: RecordFields, edit: ReportEdit, withNote: boolean): void {
  if (edit.reader !== undefined) {
    record.reader = edit.reader;
    setChild(node, BM.reader, 'TextValue', edit.reader);
  }
  if (edit.updatedAt !== undefined) {
    record.updatedAt = edit.updatedAt;
    setChild(node, BM.updatedAt, 'DateTime', isoToDicomDateTime(edit.updatedAt));
  }
  if (withNote && edit.note !== undefined) {
    record.note = edit.note;
    setChild(node, BM.note, 'TextValue', edit.note);
  }
}

/**
 * Edits a report BoneMet Review wrote the way a determined user would with a DICOM editor: the
 * structured content and the JSON record beside it changed alike, so that the import's own
 * consistency check passes and only its authorship rules stand in the way.
 * @param file - the report the app wrote
 * @param out - where the edited copy goes
 */
export function editMeasurementReport(file: string, out: string, edit: ReportEdit): void {
  const { meta, dict } = parsePart10(fs.readFileSync(file), file);
  const dataset = naturalize(dict) as ContentNode;
  const measurements = childNamed(dataset, SR.imagingMeasurements, 'CONTAINER')!;
  for (const group of childrenOf(measurements).filter((c) => isCode(conceptOf(c), SR.measurementGroup))) {
    const recordNode = childNamed(group, BM.record, 'TEXT')!;
    const record = JSON.parse(String(recordNode.TextValue)) as { lesion: RecordFields; annotations: (RecordFields & { id: string })[] };
    applyTo(group, record.lesion, edit, true);
    const drawings = childrenNamed(group, BM.annotation, 'CODE');
    record.annotations.forEach((annotation, i) => applyTo(drawings[i]!, annotation, edit, false));
    recordNode.TextValue = JSON.stringify(record);
  }
  fs.writeFileSync(out, encodePart10Dict(meta, denaturalize(dataset as never)));
}
