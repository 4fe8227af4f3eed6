import { formatPatientName } from '@shared/dicom/person-name';
import { LESION_SCHEMA_VERSION } from '@shared/lesion/lesion';
import { urgencyLabel, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { ScoreResult } from '@shared/scoring/result';
import type { BoneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import type { CtraResult } from '@shared/scoring/ctra';
import { bandText, componentText, totalText, worstCaseText } from '../lesion-facts';
import { descriptionText } from './packet-description';
import type { KeyImage, PacketLesion, ReferralPacket } from './referral-packet';

/** One line of the packet and how it is set: the layout (PDF) only chooses fonts and places lines. */
export interface PacketLine {
  text: string;
  /** 'urgency' is the lesion's urgency label, set apart in the level's colour. */
  style: 'title' | 'heading' | 'subheading' | 'body' | 'emphasis' | 'small' | 'urgency';
  /** Indentation level, 0 at the margin. */
  indent?: number;
  /** The urgency the line states: the layout marks it in that level's colour, so it stands out in a list. */
  urgency?: UrgencyLevel;
}

/** A lesion at a glance (page 1): its first key image beside its urgency, reasons and what could raise it. */
export interface PacketGlance {
  image: KeyImage | null;
  /** Under the image: where it is in the study, or why it could not be drawn. */
  caption: string;
  lines: PacketLine[];
}

/** A block of the packet: its lines, its glances, lines after them, then its key images (when there are any, the last line introduces them). */
export interface PacketSection {
  lines: PacketLine[];
  glances: PacketGlance[];
  trailer: PacketLine[];
  keyImages: KeyImage[];
  /** Start the block on a new page (each lesion does). */
  newPage: boolean;
  /** The rigidity profile to plot after line `afterLine` of `lines` (a lesion with an accepted bone analysis). */
  profile?: { summary: BoneAnalysisSummary; afterLine: number };
}

const line = (text: string, style: PacketLine['style'] = 'body', indent = 0, urgency?: UrgencyLevel): PacketLine => ({ text, style, indent, ...(urgency ? { urgency } : {}) });

/** The study: in full for clinical use; by description and modalities only without identifiers, where a UID, accession or date would find the patient. */
function studyLines(packet: ReferralPacket): PacketLine[] {
  const s = packet.study;
  const modalities = `Modalities: ${s.modalities.join(', ') || '-'}`;
  if (!s.studyInstanceUid) return [line(`Study: ${descriptionText(s.description)}    ${modalities}    (date, accession and UIDs withheld)`)];
  return [
    line(`Study: ${descriptionText(s.description)}    Date: ${s.date ?? 'not recorded'}    Accession: ${s.accessionNumber || '(none)'}    ${modalities}`),
    line(`Study Instance UID: ${s.studyInstanceUid}`, 'small'),
  ];
}

/** What finds a lesion outside this app (a PACS, the SR): the study's accession and UID and the lesion's Tracking UID; nothing in a non-clinical packet. */
function findItLine(packet: ReferralPacket, lesion: PacketLesion): PacketLine[] {
  const s = packet.study;
  if (!s.studyInstanceUid || !lesion.trackingUid) return [];
  return [line(`To find it: accession ${s.accessionNumber || '(none)'}    Study Instance UID ${s.studyInstanceUid}    lesion Tracking UID ${lesion.trackingUid} (in the SR and SEG)`, 'small')];
}

/** Page 1 shows a lesion at a glance when it is flagged or could be: what a surgeon must decide on. */
const atAGlance = (lesion: PacketLesion) => lesion.urgency.level !== 'routine' || lesion.urgency.worstCase !== lesion.urgency.level;

function glance(lesion: PacketLesion, number: number): PacketGlance {
  const u = lesion.urgency;
  const worst = worstCaseText(u);
  const measured = lesion.measurements.map((m) => `${m.label} ${m.shown}${m.unit === '%' ? '%' : ` ${m.unit}`}`);
  const image = lesion.keyImages[0] ?? null;
  return {
    image: image?.png ? image : null,
    caption: !image ? 'No annotated image for this lesion.' : image.notRenderedReason ? `Key image not rendered: ${image.notRenderedReason}` : `Key image: ${image.position}`,
    lines: [
      line(`${number}. ${lesion.location}`, 'subheading'),
      line(urgencyLabel(u.level).toUpperCase(), 'urgency', 0, u.level),
      ...u.reasons.map((r) => line(`Reason: ${r}`)),
      ...(worst ? [line(worst, 'emphasis', 0, u.worstCase)] : []),
      line(`Nature: ${lesion.nature}    Status: ${lesion.status}`, 'small'),
      ...(measured.length ? [line(measured.join('; '), 'small')] : []),
      ...(lesion.trackingUid ? [line(`Tracking UID: ${lesion.trackingUid}`, 'small')] : []),
      line(`Details, every score and all key images: lesion ${number} below.`, 'small'),
    ],
  };
}

/** Page 1: who and which study, then each flagged lesion (above routine, or could be) at a glance. */
function header(packet: ReferralPacket): PacketSection {
  const p = packet.patient;
  const flagged = packet.lesions.filter((l) => l.urgency.worstCase !== 'routine').length;
  const others = packet.lesions.map((l, i) => ({ l, i })).filter(({ l }) => !atAGlance(l));
  return {
    newPage: false,
    keyImages: [],
    lines: [
      line('Bone metastasis referral', 'title'),
      line(packet.purpose === 'clinical' ? 'Clinical referral packet: contains patient identifiers.' : 'Non-clinical packet: patient identifiers withheld.', 'emphasis'),
      ...(p
        ? [line(`Patient: ${formatPatientName(p.name)}    ID: ${p.id || '(none)'}    Born: ${p.birthDate ?? 'not recorded'}    Sex: ${p.sex || 'not recorded'}`)]
        : [line('Patient: withheld (non-clinical packet)')]),
      ...studyLines(packet),
      line(`Referring reader: ${packet.referringReader.name} (${packet.referringReader.initials})${packet.generatedAt ? `    Generated: ${packet.generatedAt}` : ''}`),
      line(
        `${packet.includesAllLesions ? 'All lesions' : 'Flagged lesions (urgency above routine, or could be while inputs are missing)'}: ${packet.lesions.length} shown, ${flagged} flagged, of ${packet.totalBoneLesions} bone lesion(s) recorded in this study.`,
        'emphasis',
      ),
    ],
    glances: packet.lesions.flatMap((l, i) => (atAGlance(l) ? [glance(l, i + 1)] : [])),
    trailer: [
      ...(others.length ? [line(`Also in this packet, routine: ${others.map(({ l, i }) => `${i + 1}. ${l.location}`).join('; ')}.`)] : []),
      line(`Urgency rules: ${packet.urgencyRuleSet}. Lesion form (schema) version ${LESION_SCHEMA_VERSION}. BoneMet Review ${packet.appVersion}.`, 'small'),
    ],
  };
}

function scoreLines(result: ScoreResult): PacketLine[] {
  const band = bandText(result);
  return [
    line(`${result.name}: ${totalText(result)}${band ? ` - ${band}` : ''}`, 'subheading', 1),
    ...result.components.map((c) => line(componentText(c), 'body', 2)),
    ...(result.missingInputs.length ? [line(`Missing inputs: ${result.missingInputs.join('; ')}`, 'emphasis', 2)] : []),
    ...(result.definition ? [line(`Definition used: ${result.definition}`, 'small', 2)] : []),
    ...result.notes.map((n) => line(n, 'small', 2)),
    line(`Source: ${result.source}`, 'small', 2),
  ];
}

/** The experimental rigidity verdict: flagged or not, why, and every note and constant; one line when no analysis was accepted. */
function ctraLines(ctra: CtraResult): PacketLine[] {
  const heading = line('Rigidity (CTRA, experimental)', 'subheading');
  if (!ctra.applicable) return [heading, line(`Not analysed: ${ctra.notApplicableReason ?? ''}`, 'small', 1)];
  const verdict = ctra.flagged === true ? 'FLAGGED (experimental): rigidity reduced by 35% or more' : ctra.flagged === false ? 'Not flagged (experimental)' : 'Undecided: no reference to compare with';
  return [
    heading,
    line(verdict, ctra.flagged ? 'emphasis' : 'body', 1),
    ...ctra.reasons.map((r) => line(`Reason: ${r}`, 'body', 1)),
    ...ctra.notes.map((n) => line(n, 'small', 1)),
  ];
}

function noteLines(note: string | null): PacketLine[] {
  if (note === null) return [line('Reader note', 'subheading'), line('Withheld from a non-clinical packet: free text may name the patient.', 'body', 1)];
  return note.trim() ? [line('Reader note', 'subheading'), ...note.split(/\r?\n/).map((t) => line(t, 'body', 1))] : [];
}

/** Another lesion of the bone: by its place in the packet, and by Tracking UID in a clinical packet only. */
function sameBoneText(other: PacketLesion['sameBoneLesions'][number]): string {
  const where = other.packetNumber ? `see lesion ${other.packetNumber} of this packet` : 'not in this packet';
  return `${other.location}: ${worstCaseText(other.urgency) ?? urgencyLabel(other.urgency.level)} (${other.status}), ${where}${other.trackingUid ? `    Tracking UID: ${other.trackingUid}` : ''}`;
}

function lesionSection(packet: ReferralPacket, lesion: PacketLesion, index: number): PacketSection {
  const u = lesion.urgency;
  const worst = worstCaseText(u);
  const before = lesionLines(packet, lesion, index, u, worst);
  const rigidity = ctraLines(lesion.ctra);
  return {
    newPage: true,
    glances: [],
    trailer: [],
    keyImages: lesion.keyImages,
    // The profile follows the rigidity verdict, before the other lesions of the bone and the key images.
    ...(lesion.boneAnalysis ? { profile: { summary: lesion.boneAnalysis, afterLine: before.length + rigidity.length - 1 } } : {}),
    lines: [...before, ...rigidity, ...lesionTail(packet, lesion)],
  };
}

/** A lesion's lines down to its scores. */
function lesionLines(packet: ReferralPacket, lesion: PacketLesion, index: number, u: PacketLesion['urgency'], worst: string | null): PacketLine[] {
  return [
    line(`Lesion ${index + 1}: ${lesion.location}`, 'heading'),
    line(`URGENCY: ${urgencyLabel(u.level).toUpperCase()}`, 'urgency', 0, u.level),
    // Said on its own line rather than in the label: the label stays short enough to stand out.
    ...(worst ? [line(worst, 'emphasis', 1, u.worstCase)] : []),
    ...u.reasons.map((r) => line(`Reason: ${r}`, 'body', 1)),
    ...u.worstCaseReasons.map((r) => line(`Possible: ${r}`, 'small', 1)),
    line(`Nature: ${lesion.nature}    Status: ${lesion.status}    Reader: ${lesion.reader}${lesion.updatedAt ? `    Updated: ${lesion.updatedAt}` : ''}`),
    line(`Site code: ${lesion.siteCode ? `SNOMED CT ${lesion.siteCode}` : 'none'}    Form version ${lesion.lesionSchemaVersion}`, 'small'),
    ...findItLine(packet, lesion),
    line('Measurements', 'subheading'),
    ...(lesion.measurements.length ? lesion.measurements.map((m) => line(`${m.label}: ${m.shown}${m.unit === '%' ? '%' : ` ${m.unit}`} (${m.provenance})`, 'body', 1)) : [line('none recorded', 'body', 1)]),
    line('Findings', 'subheading'),
    ...lesion.findings.map((f) => line(`${f.label}: ${f.value}`, 'body', 1)),
    line('Scores', 'subheading'),
    ...lesion.scores.flatMap(scoreLines),
    ...lesion.notApplicable.map((n) => line(`${n.name}: not applicable (${n.reason})`, 'small', 1)),
    ...(lesion.ignoredInputs.length ? [line('Recorded, but no score for this bone uses', 'subheading')] : []),
    ...lesion.ignoredInputs.map((i) => line(`${i.input}: ${i.value} (${i.reason})`, 'body', 1)),
  ];
}

/** A lesion's lines after its rigidity: the other lesions of the bone, the note, the key images' heading. */
function lesionTail(packet: ReferralPacket, lesion: PacketLesion): PacketLine[] {
  return [
    // The study's total is repeated per lesion: a surgeon reading one lesion's pages sees the whole burden.
    line(`Other lesions in the same bone (${packet.totalBoneLesions} bone lesion(s) recorded in this study in all)`, 'subheading'),
    ...(lesion.sameBoneLesions.length
      ? lesion.sameBoneLesions.map((o) => line(sameBoneText(o), 'body', 1, o.urgency.worstCase))
      : [line('none', 'body', 1)]),
    ...noteLines(lesion.note),
    line('Key images', 'subheading'),
    ...(lesion.keyImages.length ? [] : [line('No annotated image for this lesion.', 'body', 1)]),
  ];
}

/** The packet as ordered sections of styled lines and images: the whole content of the PDF. */
export function referralSections(packet: ReferralPacket): PacketSection[] {
  return [header(packet), ...packet.lesions.map((lesion, i) => lesionSection(packet, lesion, i))];
}

/** The caption under a key image, or the sentence that stands in for an image that could not be drawn. */
export function keyImageCaption(image: KeyImage): string {
  // A non-clinical packet has no UID to print: the image is named by its position in the study.
  const where = `${image.sopInstanceUid ? `SOP Instance ${image.sopInstanceUid}` : image.position}, frame ${image.frameNumber}; annotations ${image.annotationCount}`;
  if (image.notRenderedReason) return `Key image not rendered: ${image.notRenderedReason} (${where})`;
  return [`${where}.`, ...image.notes].join(' ');
}
