import { LESION_SCHEMA_VERSION, unknownFindings } from '@shared/lesion/lesion';
import { AppError } from '@shared/errors';
import { SR, UID_TYPES } from '../dicom/codes';
import { dicomDateTimeToIso } from '../dicom/dicom-datetime';
import { uidToUuid } from '@shared/dicom/uid';
import { childNamed, childrenNamed, codeValueOf, isCode, numberOf, stringOf, type ContentNode } from './content-reader';
import { boneOfCode, lateralityOfCode, regionOfCode } from './finding-site';
import { NATURE_CODES } from './lesion-group';
import { BOOLEAN_FIELDS, ENUM_FIELDS, MEASUREMENT_FIELDS } from './lesion-fields';
import { BM } from './private-codes';
import { readBoneAnalysis } from './bone-analysis-items';
import { readComputedProvenance } from './computed-items';
import { planeNoteMagnification, SpacingPlaneSchema } from '@shared/dicom/measurement-spacing';

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new AppError('unsupported', `A measurement group of the report has no ${what}; it was not written by BoneMet Review, or was de-identified, and cannot be restored.`);
  return value;
}

function siteOf(group: ContentNode) {
  let boneId: string | undefined;
  let regionId: string | null = null;
  let laterality: string | null = null;
  for (const site of childrenNamed(group, SR.findingSite, 'CODE')) {
    const code = required(codeValueOf(site), 'finding site code');
    const region = regionOfCode(code.scheme, code.value);
    if (region) [boneId, regionId] = [region.boneId, region.regionId];
    else boneId ??= boneOfCode(code.scheme, code.value);
    const lat = codeValueOf(childNamed(site, SR.laterality) ?? {});
    if (lat) laterality = lateralityOfCode(lat.scheme, lat.value) ?? laterality;
  }
  return { boneId: required(boneId, 'finding site naming a known bone'), regionId, laterality };
}

/** A lesion record rebuilt from a Measurement Group's standard content alone. */
export function restoreLesion(group: ContentNode, studyInstanceUid: string, fallbackReader: string | undefined): Record<string, unknown> {
  const finding = codeValueOf(childNamed(group, SR.finding) ?? {});
  const nature = (Object.keys(NATURE_CODES) as (keyof typeof NATURE_CODES)[]).find((k) => isCode(finding, NATURE_CODES[k])) ?? null;
  const draft: Record<string, unknown> & { clinical: Record<string, unknown>; spine: Record<string, unknown> } = {
    schemaVersion: LESION_SCHEMA_VERSION,
    id: required(uidToUuid(required(stringOf(childNamed(group, BM.lesionRecordUid), 'UID'), 'lesion record UID')), 'UUID-form lesion UID'),
    trackingUid: required(stringOf(childNamed(group, SR.trackingUid), 'UID'), 'Tracking Unique Identifier'),
    studyInstanceUid,
    seriesInstanceUid: required(stringOf(childNamed(group, UID_TYPES.seriesInstanceUid), 'UID'), 'series UID'),
    ...siteOf(group),
    // Every input unknown until the group says otherwise (the loops below fill what it holds).
    ...unknownFindings(),
    nature,
    note: stringOf(childNamed(group, BM.note), 'TextValue') ?? '',
    reader: required(stringOf(childNamed(group, BM.reader), 'TextValue') ?? fallbackReader, 'reader'),
    createdAt: dicomDateTimeToIso(required(stringOf(childNamed(group, BM.createdAt), 'DateTime'), 'creation time')),
    updatedAt: dicomDateTimeToIso(required(stringOf(childNamed(group, BM.updatedAt), 'DateTime'), 'update time')),
  };
  for (const field of MEASUREMENT_FIELDS) {
    const node = childNamed(group, field.concept, 'NUM');
    if (!node) {
      field.set(draft, null as never);
      continue;
    }
    const value = required(numberOf(node), `value of ${field.concept.meaning}`);
    const method = codeValueOf(childNamed(node, SR.measurementMethod) ?? {});
    const annotationId = stringOf(childNamed(node, BM.sourceAnnotation), 'TextValue');
    const provenance = isCode(method, BM.measuredOnAnnotation)
      ? { source: 'annotation' as const, annotationId: required(annotationId, 'source annotation') }
      : isCode(method, BM.computed)
        ? readComputedProvenance(node)
        : { source: 'typed' as const };
    // The plane a radiograph's length lies in ("detector: measured at ..."): lost, a detector length would read as the patient's.
    const planeText = stringOf(childNamed(node, BM.spacingPlane), 'TextValue');
    const plane = SpacingPlaneSchema.safeParse(planeText?.split(':')[0]);
    // And at the detector its largest magnification ("... divided by 1.0 to 1.85"): lost, the length
    // would be rescored over 1.0-1.3 when its image is not indexed, a range narrower than its header allows.
    const maxMagnification = plane.success && plane.data === 'detector' ? planeNoteMagnification(planeText) : undefined;
    field.set(draft, { value, provenance, ...(plane.success && plane.data !== 'patient' ? { spacingPlane: plane.data } : {}), ...(maxMagnification !== undefined ? { maxMagnification } : {}) });
  }
  draft.boneAnalysis = readBoneAnalysis(group);
  for (const field of BOOLEAN_FIELDS) {
    const value = codeValueOf(childNamed(group, field.concept, 'CODE') ?? {});
    field.set(draft, (isCode(value, SR.yes) ? true : isCode(value, SR.no) ? false : null) as never);
  }
  for (const field of ENUM_FIELDS) {
    const value = codeValueOf(childNamed(group, field.concept, 'CODE') ?? {})?.value;
    const option = field.options.find((o) => value === `${field.concept.value}:${o}`) ?? field.whenAbsent ?? null;
    field.set(draft, option as never);
  }
  return draft;
}
