import type { Code } from '../dicom/codes';

// Reading SR content items from dcmjs's keyword-keyed form: concept names, coded values, numbers,
// children. Everything is looked up by (scheme, code value), never by meaning.

/** A content item as dcmjs naturalizes it. */
export type ContentNode = Record<string, unknown>;

function firstItem(value: unknown): ContentNode | undefined {
  return Array.isArray(value) ? (value[0] as ContentNode | undefined) : undefined;
}

function codeOfItem(item: ContentNode | undefined): { value: string; scheme: string } | undefined {
  if (!item) return undefined;
  const value = (item.CodeValue ?? item.LongCodeValue ?? item.URNCodeValue) as string | undefined;
  return value === undefined ? undefined : { value: String(value), scheme: String(item.CodingSchemeDesignator ?? '') };
}

/** The concept name of an item. */
export function conceptOf(node: ContentNode): { value: string; scheme: string } | undefined {
  return codeOfItem(firstItem(node.ConceptNameCodeSequence));
}

/** The coded value of a CODE item. */
export function codeValueOf(node: ContentNode): { value: string; scheme: string } | undefined {
  return codeOfItem(firstItem(node.ConceptCodeSequence));
}

/** True when a code read from a file is the given code. */
export function isCode(read: { value: string; scheme: string } | undefined, code: Pick<Code, 'value' | 'scheme'>): boolean {
  return read !== undefined && read.value === code.value && read.scheme === code.scheme;
}

/** The children of an item (empty when it has none). */
export function childrenOf(node: ContentNode): ContentNode[] {
  return Array.isArray(node.ContentSequence) ? (node.ContentSequence as ContentNode[]) : [];
}

/** Children whose concept name is the code (and whose value type is `valueType`, when given). */
export function childrenNamed(node: ContentNode, code: Pick<Code, 'value' | 'scheme'>, valueType?: string): ContentNode[] {
  return childrenOf(node).filter((c) => isCode(conceptOf(c), code) && (valueType === undefined || c.ValueType === valueType));
}

/** The first child named by the code, or undefined. */
export function childNamed(node: ContentNode, code: Pick<Code, 'value' | 'scheme'>, valueType?: string): ContentNode | undefined {
  return childrenNamed(node, code, valueType)[0];
}

/** The number of a NUM item: the exact Floating Point Value when present, else the DS value; null when empty. */
export function numberOf(node: ContentNode): number | null {
  const measured = firstItem(node.MeasuredValueSequence);
  if (!measured) return null;
  const value = measured.FloatingPointValue ?? measured.NumericValue;
  const n = Array.isArray(value) ? Number(value[0]) : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A single string attribute of an item (TextValue, UID, DateTime...), or undefined. */
export function stringOf(node: ContentNode | undefined, keyword: string): string | undefined {
  if (!node) return undefined;
  const value = node[keyword];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  if (typeof first === 'object') return String((first as { Alphabetic?: string }).Alphabetic ?? '');
  return String(first);
}
