import { getBone } from '../../../../shared/anatomy/catalogue';
import { formatPatientName } from '../../../../shared/dicom/person-name';
import { AppError } from '../../../../shared/errors';
import type { ScoredLesion } from '../../../../shared/lesion/scored-lesion';
import { categoryLabel } from '../../../../shared/scoring/tables';
import { URGENCY_RULE_SET } from '../../../../shared/scoring/urgency-rules';
import { FINDING_FIELDS, MEASUREMENT_FIELDS, lesionDeepLink, locationText, measurementOf, provenanceText, siteCode, yesNoText } from '../lesion-facts';
import { referralLesions, type ReferralSelection } from '../referral-selection';
import { readerLabel, type StudyExportSource } from '../study-export-source';
import { renderKeyImage } from './key-image/render-key-image';
import type { VoiWindow } from './key-image/window-level';
import { ReferralPacketSchema, type KeyImage, type PacketLesion, type PacketPurpose, type ReferralPacket } from './referral-packet';
import { selectKeyImages } from './select-key-images';

/** Options of buildReferralPacket. */
export interface ReferralPacketOptions extends ReferralSelection {
  /** Default clinical: the patient is named in the text and burned into the key images. */
  purpose?: PacketPurpose;
  /** Where each SOP instance's file is (from the index). */
  resolveFile: (sopInstanceUid: string) => string | null;
  /** Window for the key images; default bone window for CT. */
  window?: VoiWindow;
}

function burnInLines(source: StudyExportSource): string[] {
  const { study } = source;
  // The ID first: a long name runs off the image's edge, and it must not take the ID with it.
  return [
    `ID ${study.patientId.trim() || '-'}  ${formatPatientName(study.patientName)}`,
    `DOB ${study.patientBirthDate ?? '-'}  STUDY ${study.studyDate ?? '-'}  ACC ${study.accessionNumber.trim() || '-'}`,
  ];
}

/** "series 2, image 12 of 24": where an image is inside the study, by position, never by UID. */
function imagePosition(source: StudyExportSource, seriesInstanceUid: string, sopInstanceUid: string): string {
  const s = source.series.findIndex((series) => series.seriesInstanceUid === seriesInstanceUid);
  const instances = source.series[s]?.instances ?? [];
  const i = instances.findIndex((instance) => instance.sopInstanceUid === sopInstanceUid);
  if (s < 0 || i < 0) return 'an image no longer in the study';
  return `series ${s + 1}, image ${i + 1} of ${instances.length}`;
}

function keyImages(source: StudyExportSource, scored: ScoredLesion, options: ReferralPacketOptions, burnIn: string[]): KeyImage[] {
  const clinical = (options.purpose ?? 'clinical') === 'clinical';
  return selectKeyImages(scored.lesion, source.annotations).map((choice) => {
    const base = {
      seriesInstanceUid: clinical ? choice.seriesInstanceUid : null,
      sopInstanceUid: clinical ? choice.sopInstanceUid : null,
      position: imagePosition(source, choice.seriesInstanceUid, choice.sopInstanceUid),
      frameNumber: choice.frameNumber,
      annotationIds: choice.annotations.map((a) => a.id),
    };
    const file = options.resolveFile(choice.sopInstanceUid);
    const image = clinical ? choice.sopInstanceUid : base.position;
    if (!file) return { ...base, png: null, width: null, height: null, notRenderedReason: `the image ${image} is not in the index (import the study again)`, notes: [] };
    // A reader's label is free text that may name the patient: a non-clinical image shows measurements only.
    const drawn = clinical ? choice.annotations : choice.annotations.map((a) => ({ ...a, text: null }));
    const render = renderKeyImage(file, choice.frameNumber, drawn, { window: options.window, burnIn });
    if (!render.ok) return { ...base, png: null, width: null, height: null, notRenderedReason: render.reason, notes: [] };
    const windowNote = render.window ? [`Window centre ${render.window.center}, width ${render.window.width}.`] : [];
    return { ...base, png: new Uint8Array(render.png), width: render.width, height: render.height, notRenderedReason: null, notes: [...windowNote, ...render.notes] };
  });
}

function packetLesion(source: StudyExportSource, scored: ScoredLesion, options: ReferralPacketOptions, burnIn: string[]): PacketLesion {
  const { lesion, scores } = scored;
  const { urgency, ...results } = scores;
  const clinical = (options.purpose ?? 'clinical') === 'clinical';
  const all = Object.values(results);
  const spine = getBone(lesion.boneId)?.kind === 'vertebra';
  const clinicalInputs = [
    { label: 'New neurological deficit [clin]', value: yesNoText(lesion.clinical.newNeurologicalDeficit) },
    { label: 'Mirels pain [clin]', value: lesion.clinical.mirelsPain ? categoryLabel(lesion.clinical.mirelsPain) : 'not recorded' },
    ...(spine ? [{ label: 'SINS pain [clin]', value: lesion.clinical.sinsPain ? categoryLabel(lesion.clinical.sinsPain) : 'not recorded' }] : []),
  ];
  return {
    lesionId: lesion.id,
    deepLink: lesionDeepLink(lesion.id),
    trackingUid: clinical ? lesion.trackingUid : null,
    lesionSchemaVersion: lesion.schemaVersion,
    location: locationText(lesion),
    siteCode: siteCode(lesion)?.value ?? null,
    nature: lesion.nature ?? 'not recorded',
    status: lesion.status,
    reader: readerLabel(source, lesion.reader),
    updatedAt: clinical ? lesion.updatedAt : null,
    measurements: MEASUREMENT_FIELDS.flatMap((m) => {
      const v = measurementOf(lesion, m.key);
      return v ? [{ label: m.label, value: v.value, unit: m.unit, provenance: provenanceText(v.provenance) }] : [];
    }),
    findings: [...FINDING_FIELDS.map((f) => ({ label: f.label, value: yesNoText(lesion[f.key]) })), ...clinicalInputs],
    scores: all.filter((r) => r.applicable),
    notApplicable: all.filter((r) => !r.applicable).map((r) => ({ name: r.name, reason: r.notApplicableReason ?? '' })),
    urgency,
    keyImages: keyImages(source, scored, options, burnIn),
    sameBoneLesions: source.lesions
      .filter((o) => o.lesion.boneId === lesion.boneId && o.lesion.id !== lesion.id)
      .map((o) => ({ lesionId: o.lesion.id, location: locationText(o.lesion), urgency: o.scores.urgency.level, status: o.lesion.status })),
    // Free text may name the patient: withheld from a non-clinical packet (null says a note was there).
    note: clinical || !lesion.note.trim() ? lesion.note : null,
  };
}

/**
 * The referral packet of a study: its flagged lesions (or all), each with location, measurements,
 * every score with components and missing inputs, urgency and reasons, and key images with the
 * annotations drawn. Refuses to build without a named referring reader.
 */
export function buildReferralPacket(source: StudyExportSource, options: ReferralPacketOptions): ReferralPacket {
  const reader = source.exportingReader;
  if (!reader) throw new AppError('forbidden', 'Name yourself first (reader set <initials> <name>): a referral names the referring reader.');
  const purpose = options.purpose ?? 'clinical';
  const chosen = referralLesions(source, options);
  const clinical = purpose === 'clinical';
  const burnIn = clinical ? burnInLines(source) : [];
  const { study } = source;
  return ReferralPacketSchema.parse({
    purpose,
    generatedAt: clinical ? source.exportedAt : null,
    appVersion: source.appVersion,
    urgencyRuleSet: URGENCY_RULE_SET,
    patient: clinical ? { name: study.patientName, id: study.patientId, birthDate: study.patientBirthDate, sex: study.patientSex } : null,
    study: {
      studyInstanceUid: clinical ? study.studyInstanceUid : null,
      date: clinical ? study.studyDate : null,
      accessionNumber: clinical ? study.accessionNumber : null,
      description: study.description,
      modalities: study.modalities,
    },
    referringReader: reader,
    totalBoneLesions: source.lesions.length,
    includesAllLesions: Boolean(options.includeAll),
    lesions: chosen.map((scored) => packetLesion(source, scored, options, burnIn)),
  });
}
