import { formatPatientName } from '@shared/dicom/person-name';
import { AppError } from '@shared/errors';
import type { MeasurementProvenance } from '@shared/lesion/measurement';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { categoryLabel } from '@shared/scoring/tables';
import { URGENCY_RULE_SET } from '@shared/scoring/urgency-rules';
import { scoreResults } from '@shared/scoring/score-lesion';
import { formatMeasuredFigure } from '@shared/scoring/shown-figure';
import { FINDING_FIELDS, MEASUREMENT_FIELDS, locationText, measuredUnitText, measurementOf, provenanceText, siteCode, yesNoText } from '../lesion-facts';
import { referralLesions, type ReferralSelection } from '../referral-selection';
import { readerLabel, type StudyExportSource } from '../study-export-source';
import type { IndexedImageFile } from '../../index/instance-queries';
import { renderKeyImage } from './key-image/render-key-image';
import type { VoiWindow } from './key-image/window-level';
import { packetDescription } from './packet-description';
import { ReferralPacketSchema, type KeyImage, type PacketLesion, type PacketPurpose, type ReferralPacket } from './referral-packet';
import { selectKeyImages, type KeyImageChoice } from './select-key-images';

/** Options of buildReferralPacket. */
export interface ReferralPacketOptions extends ReferralSelection {
  /** Default clinical: the patient is named in the text and burned into the key images. */
  purpose?: PacketPurpose;
  /** Where each SOP instance's file is (from the index), and whether it is still the imported file. */
  resolveFile: (sopInstanceUid: string) => IndexedImageFile | null;
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

/** Where a measurement came from: by annotation id for clinical use; otherwise by the key image showing it, as the clinical SR carries the id. */
function measurementSource(provenance: MeasurementProvenance, choices: readonly KeyImageChoice[], clinical: boolean): string {
  if (clinical || provenance.source !== 'annotation') return provenanceText(provenance);
  const shown = choices.findIndex((c) => c.annotations.some((a) => a.id === provenance.annotationId));
  return shown >= 0 ? `measured on key image ${shown + 1}` : 'measured on an annotation not shown here';
}

function keyImages(source: StudyExportSource, choices: readonly KeyImageChoice[], options: ReferralPacketOptions, burnIn: string[]): KeyImage[] {
  const clinical = (options.purpose ?? 'clinical') === 'clinical';
  return choices.map((choice) => {
    const base = {
      seriesInstanceUid: clinical ? choice.seriesInstanceUid : null,
      sopInstanceUid: clinical ? choice.sopInstanceUid : null,
      position: imagePosition(source, choice.seriesInstanceUid, choice.sopInstanceUid),
      frameNumber: choice.frameNumber,
      annotationCount: choice.annotations.length,
    };
    const file = options.resolveFile(choice.sopInstanceUid);
    const image = clinical ? choice.sopInstanceUid : base.position;
    if (!file) return { ...base, png: null, width: null, height: null, notRenderedReason: `the image ${image} is not in the index (import the study again)`, notes: [] };
    // A reader's label is free text that may name the patient: a non-clinical image shows measurements only.
    const drawn = clinical ? choice.annotations : choice.annotations.map((a) => ({ ...a, text: null }));
    const render = file.unchanged
      ? renderKeyImage(file.path, choice.frameNumber, drawn, { window: options.window, burnIn, annotationIds: clinical, withholdBurnedIn: !clinical })
      : ({ ok: false, reason: 'the image file could not be read', fileError: `${file.path} (moved, rewritten or deleted since it was imported)` } as const);
    if (!render.ok) {
      // The file's path may name the patient (PACS exports name folders so): only a clinical packet prints it.
      const reason = clinical && render.fileError ? `${render.reason}: ${render.fileError}` : render.reason;
      return { ...base, png: null, width: null, height: null, notRenderedReason: reason, notes: [] };
    }
    const windowNote = render.window ? [`Window centre ${render.window.center}, width ${render.window.width}.`] : [];
    return { ...base, png: new Uint8Array(render.png), width: render.width, height: render.height, notRenderedReason: null, notes: [...windowNote, ...render.notes] };
  });
}

/**
 * One lesion of the packet. A non-clinical packet names lesions by their order in it and
 * annotations by key image, never by id: the clinical SR carries the ids, which would join the two.
 * @param packetNumber - a lesion's 1-based place in the packet, or null when it is not in it
 */
function packetLesion(source: StudyExportSource, scored: ScoredLesion, options: ReferralPacketOptions, burnIn: string[], packetNumber: (lesionId: string) => number | null): PacketLesion {
  const { lesion, scores } = scored;
  const { urgency } = scores;
  const clinical = (options.purpose ?? 'clinical') === 'clinical';
  const all = scoreResults(scores);
  // Only the clinical inputs a score of this bone reads; a value recorded for another bone's scores
  // is listed under the ignored inputs with why, never as "not recorded" where it does not belong.
  const recorded = (value: string | null) => (value ? categoryLabel(value) : 'not recorded');
  const clinicalInputs = [
    { label: 'New neurological deficit [clin]', value: yesNoText(lesion.clinical.newNeurologicalDeficit) },
    ...(scores.mirels.applicable ? [{ label: 'Mirels pain [clin]', value: recorded(lesion.clinical.mirelsPain) }] : []),
    ...(scores.sins.applicable ? [{ label: 'SINS pain [clin]', value: recorded(lesion.clinical.sinsPain) }] : []),
    ...(scores.harrington.applicable && lesion.boneId === 'femur' ? [{ label: 'Lesser trochanter avulsion [read]', value: yesNoText(lesion.clinical.lesserTrochanterAvulsion) }] : []),
    ...(scores.harrington.applicable ? [{ label: 'Persistent pain after radiotherapy [clin]', value: yesNoText(lesion.clinical.persistentPainAfterRadiotherapy) }] : []),
  ];
  const choices = selectKeyImages(lesion, source.annotations);
  return {
    trackingUid: clinical ? lesion.trackingUid : null,
    lesionSchemaVersion: lesion.schemaVersion,
    location: locationText(lesion),
    siteCode: siteCode(lesion)?.value ?? null,
    nature: lesion.nature ?? 'not recorded',
    status: lesion.status,
    reader: readerLabel(source, scored),
    updatedAt: clinical ? lesion.updatedAt : null,
    measurements: MEASUREMENT_FIELDS.flatMap((m) => {
      const v = measurementOf(lesion, m.key);
      return v ? [{ label: m.label, value: v.value, shown: formatMeasuredFigure(m.key, v), unit: measuredUnitText(m.unit, v), provenance: measurementSource(v.provenance, choices, clinical) }] : [];
    }),
    findings: [...FINDING_FIELDS.map((f) => ({ label: f.label, value: yesNoText(lesion[f.key]) })), ...clinicalInputs],
    scores: all.filter((r) => r.applicable),
    notApplicable: all.filter((r) => !r.applicable).map((r) => ({ name: r.name, reason: r.notApplicableReason ?? '' })),
    ignoredInputs: scores.ignoredInputs,
    urgency,
    ctra: scores.ctra,
    boneAnalysis: lesion.boneAnalysis,
    keyImages: keyImages(source, choices, options, burnIn),
    sameBoneLesions: source.lesions
      .filter((o) => o.lesion.boneId === lesion.boneId && o.lesion.id !== lesion.id)
      .map((o) => ({ trackingUid: clinical ? o.lesion.trackingUid : null, packetNumber: packetNumber(o.lesion.id), location: locationText(o.lesion), urgency: o.scores.urgency, status: o.lesion.status })),
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
  const order = new Map(chosen.map((scored, i) => [scored.lesion.id, i + 1]));
  const packetNumber = (lesionId: string) => order.get(lesionId) ?? null;
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
      description: packetDescription(study, clinical),
      modalities: study.modalities,
    },
    referringReader: reader,
    totalBoneLesions: source.lesions.length,
    includesAllLesions: Boolean(options.includeAll),
    lesions: chosen.map((scored) => packetLesion(source, scored, options, burnIn, packetNumber)),
  });
}
