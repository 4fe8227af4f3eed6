import { PDFDocument, type PDFPage } from 'pdf-lib';
import { formatPatientName } from '@shared/dicom/person-name';
import { embedPacketFonts, type PacketFonts } from './pdf-fonts';
import { drawGlances } from './pdf-glances';
import { drawKeyImages } from './pdf-key-images';
import { drawProfilePlots } from './pdf-profile-plot';
import { PageFlow } from './pdf-layout';
import { A4, LINE_STYLES, MUTED, RULE } from './pdf-styles';
import { drawPacketLine, drawRows, setText } from './pdf-text';
import { descriptionText } from './packet-description';
import type { ReferralPacket } from './referral-packet';
import { referralSections, type PacketSection } from './referral-sections';

/** Who the footer names on every page: a loose page of a clinical packet must still say whose it is. */
function footerIdentity(packet: ReferralPacket): string {
  const p = packet.patient;
  if (!p) return 'Non-clinical packet: patient identifiers withheld';
  return `${formatPatientName(p.name)}, ID ${p.id || '(none)'}, born ${p.birthDate ?? 'not recorded'}`;
}

/** The footer of every page, drawn once the page count is known: who, what, when, and "Page n of N". */
function drawFooters(pages: readonly PDFPage[], fonts: PacketFonts, packet: ReferralPacket): void {
  const { margin, width } = A4;
  const style = LINE_STYLES.small;
  const right = width - margin.right;
  const by = `by ${packet.referringReader.name} (${packet.referringReader.initials}) with BoneMet Review ${packet.appVersion}`;
  const lines = [
    `Bone metastasis referral - ${footerIdentity(packet)}`,
    packet.study.studyInstanceUid && packet.generatedAt ? `Study ${packet.study.studyInstanceUid} - generated ${packet.generatedAt} ${by}` : `Study: ${descriptionText(packet.study.description)} - ${by}`,
  ];
  pages.forEach((page, i) => {
    const top = margin.bottom - 14;
    page.drawLine({ start: { x: margin.left, y: top + 4 }, end: { x: right, y: top + 4 }, thickness: 0.6, color: RULE });
    const number = setText(fonts, LINE_STYLES.emphasis, `Page ${i + 1} of ${pages.length}`, 100);
    drawRows(page, number, right - number.width, top);
    const sets = lines.map((l) => setText(fonts, style, l, right - margin.left - number.width - 16));
    // Three rows fit above the page edge: anything longer is cut rather than running off the page.
    drawRows(page, { ...sets[0]!, rows: sets.flatMap((t) => t.rows).slice(0, 3) }, margin.left, top, MUTED);
  });
}

async function drawSection(doc: PDFDocument, flow: PageFlow, fonts: PacketFonts, section: PacketSection): Promise<void> {
  if (section.newPage) flow.newPage();
  const [title] = section.lines;
  // A lesion running onto another page says which lesion the page continues.
  flow.onOverflow = section.newPage && title
    ? () => {
        drawPacketLine(flow, fonts, { text: `${title.text} (continued)`, style: 'subheading' });
        flow.space(6);
      }
    : null;
  const intro = section.keyImages.length > 0 ? (section.lines.at(-1) ?? null) : null;
  (intro ? section.lines.slice(0, -1) : section.lines).forEach((line, i) => {
    drawPacketLine(flow, fonts, line);
    if (section.profile?.afterLine === i) drawProfilePlots(flow, fonts, section.profile.summary);
  });
  await drawGlances(doc, flow, fonts, section.glances);
  for (const line of section.trailer) drawPacketLine(flow, fonts, line);
  if (section.keyImages.length > 0) await drawKeyImages(doc, flow, fonts, section.keyImages, intro);
  flow.onOverflow = null;
}

/**
 * The referral packet as an A4 PDF: page 1 is what a surgeon reads first (patient and study, or
 * identifiers withheld; each flagged lesion's urgency, reasons and worst case beside its key image;
 * what is not yet decided; the referring reader, date and versions), then one section per lesion from a new page, with its
 * urgency label, reasons, measurements, scores, other lesions of the bone and key images; a
 * footer with the patient and "Page n of N" on every page. Text stays text (searchable, copyable).
 */
export async function renderReferralPdf(packet: ReferralPacket): Promise<Uint8Array> {
  // No automatic metadata: pdf-lib would stamp its own name and the wall-clock time.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('Bone metastasis referral');
  doc.setSubject(`Referral packet: ${packet.lesions.length} lesion(s), ${packet.purpose === 'clinical' ? 'clinical use' : 'patient identifiers withheld'}`);
  doc.setAuthor(packet.referringReader.name);
  doc.setCreator(`BoneMet Review ${packet.appVersion}`);
  doc.setProducer('BoneMet Review (pdf-lib)');
  doc.setLanguage('en');
  // A non-clinical packet carries no date, not even in the metadata: the export's date would date the study.
  if (packet.generatedAt) {
    doc.setCreationDate(new Date(packet.generatedAt));
    doc.setModificationDate(new Date(packet.generatedAt));
  }

  const fonts = await embedPacketFonts(doc);
  const flow = new PageFlow(doc, A4);
  for (const section of referralSections(packet)) await drawSection(doc, flow, fonts, section);
  drawFooters(flow.pages, fonts, packet);
  return doc.save();
}
