import type { Code } from '../dicom/codes';
import { formatDs } from '../dicom/dicom-datetime';

// Builders of SR content items (PS3.3 C.17.3) as keyword-keyed datasets for dcmjs. One function per
// value type; each takes the relationship to its parent, the concept name and the value.

/** A keyword-keyed dataset as the builders produce it (sequences are arrays of these). */
export type Item = Record<string, unknown>;

/** Relationship types used by the reports (PS3.3 C.17.3.2.4). */
export type Relationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS PROPERTIES' | 'INFERRED FROM' | 'SELECTED FROM';

/** The Code Sequence Macro item of a code; values over 16 characters go to Long Code Value. */
export function codeItem(code: Code): Item {
  const value = code.value.length > 16 ? { LongCodeValue: code.value } : { CodeValue: code.value };
  return { ...value, CodingSchemeDesignator: code.scheme, CodeMeaning: code.meaning.slice(0, 64) };
}

function base(relationship: Relationship | null, valueType: string, concept: Code | null, children: Item[]): Item {
  const item: Item = {};
  if (relationship) item.RelationshipType = relationship;
  item.ValueType = valueType;
  if (concept) item.ConceptNameCodeSequence = [codeItem(concept)];
  if (children.length > 0) item.ContentSequence = children;
  return item;
}

/** CONTAINER; SEPARATE continuity: the items are separate statements, not running text. */
export function container(relationship: Relationship | null, concept: Code, children: Item[]): Item {
  return { ...base(relationship, 'CONTAINER', concept, children), ContinuityOfContent: 'SEPARATE' };
}

/**
 * Control characters a text value (UT) cannot hold: UT allows CR, LF and FF (and ESC, for code
 * extensions, which UTF-8 text has none of). DEL and the C1 controls go as well.
 */
const NOT_IN_TEXT_VALUE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

/**
 * TEXT. The value as UT may carry it: a tab (pasted into a note) becomes a space and any other
 * control character is left out, so that the SR stays valid DICOM; the record's JSON, which a
 * restore reads, keeps the text exactly.
 */
export function text(relationship: Relationship, concept: Code, value: string, children: Item[] = []): Item {
  return { ...base(relationship, 'TEXT', concept, children), TextValue: asTextValue(value) };
}

/** A free text as a TEXT item carries it (see text()). */
export function asTextValue(value: string): string {
  return value.replaceAll('\t', ' ').replace(NOT_IN_TEXT_VALUE, '');
}

/** CODE. */
export function coded(relationship: Relationship, concept: Code, value: Code, children: Item[] = []): Item {
  return { ...base(relationship, 'CODE', concept, children), ConceptCodeSequence: [codeItem(value)] };
}

/**
 * NUM with the value in DS (at most 16 characters) and, because DS may round it, the exact double
 * in Floating Point Value. A null value is written with the "Value unknown" qualifier (CID 42).
 */
export function num(relationship: Relationship, concept: Code, value: number | null, unit: Code, children: Item[] = [], unknown?: Code): Item {
  const item = base(relationship, 'NUM', concept, children);
  if (value === null) {
    item.MeasuredValueSequence = [];
    if (unknown) item.NumericValueQualifierCodeSequence = [codeItem(unknown)];
    return item;
  }
  item.MeasuredValueSequence = [{ MeasurementUnitsCodeSequence: [codeItem(unit)], NumericValue: formatDs(value), FloatingPointValue: value }];
  return item;
}

/** UIDREF. */
export function uidref(relationship: Relationship, concept: Code, uid: string): Item {
  return { ...base(relationship, 'UIDREF', concept, []), UID: uid };
}

/** PNAME. */
export function pname(relationship: Relationship, concept: Code, name: string): Item {
  return { ...base(relationship, 'PNAME', concept, []), PersonName: name };
}

/** DATETIME (DT text). */
export function datetime(relationship: Relationship, concept: Code, dt: string): Item {
  return { ...base(relationship, 'DATETIME', concept, []), DateTime: dt };
}

/** IMAGE referencing one instance (and frame of a multi-frame one). */
export function image(relationship: Relationship, concept: Code | null, sopClassUid: string, sopInstanceUid: string, frame?: number): Item {
  const ref: Item = { ReferencedSOPClassUID: sopClassUid, ReferencedSOPInstanceUID: sopInstanceUid };
  if (frame !== undefined) ref.ReferencedFrameNumber = frame;
  return { ...base(relationship, 'IMAGE', concept, []), ReferencedSOPSequence: [ref] };
}

/** SCOORD3D: points in the patient coordinates of a frame of reference (GraphicData is FL). */
export function scoord3d(relationship: Relationship, concept: Code, graphicType: string, points: readonly (readonly number[])[], frameOfReferenceUid: string): Item {
  return {
    ...base(relationship, 'SCOORD3D', concept, []),
    GraphicType: graphicType,
    GraphicData: points.flatMap((p) => [...p]),
    ReferencedFrameOfReferenceUID: frameOfReferenceUid,
  };
}

/** SCOORD: points in the image coordinates (column\row) of the image its SELECTED FROM child names (GraphicData is FL). */
export function scoord(relationship: Relationship, concept: Code, graphicType: string, points: readonly (readonly [number, number])[], selectedFrom: Item): Item {
  return { ...base(relationship, 'SCOORD', concept, [selectedFrom]), GraphicType: graphicType, GraphicData: points.flatMap((p) => [...p]) };
}
