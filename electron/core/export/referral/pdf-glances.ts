import type { PDFDocument, PDFImage, PDFPage } from 'pdf-lib';
import type { PacketFonts } from './pdf-fonts';
import type { PageFlow } from './pdf-layout';
import { INDENT, LINE_STYLES, RULE } from './pdf-styles';
import { drawRows, paintUrgencyLabel, paintUrgencySwatch, setText, setUrgencyLabel } from './pdf-text';
import type { PacketGlance, PacketLine } from './referral-sections';

/** The image of a glance is square-boxed: this wide at most (8.1 cm), and never under MIN_SIDE (5.3 cm), however many lesions share page 1. */
const MAX_SIDE = 230;
const MIN_SIDE = 150;
const GUTTER = 14;
const GAP = 12;
const CAPTION_GAP = 3;

/** One line of a glance, set for the text column, with how to paint it at a given top. */
interface SetLine {
  height: number;
  paint(page: PDFPage, x: number, top: number): void;
}

function setLine(fonts: PacketFonts, line: PacketLine, width: number): SetLine {
  const style = LINE_STYLES[line.style];
  const indent = (line.indent ?? 0) * INDENT;
  if (line.style === 'urgency') {
    const label = setUrgencyLabel(fonts, line.text, width - indent);
    return { height: style.spaceBefore + label.height + 3, paint: (page, x, top) => paintUrgencyLabel(page, label, line.urgency, x + indent, top - style.spaceBefore) };
  }
  // A swatch before a line that states an urgency needs room at the column's left edge.
  const swatch = line.urgency ? style.size * 0.7 + 4 : 0;
  const set = setText(fonts, style, line.text, width - indent - swatch);
  return {
    height: style.spaceBefore + set.rows.length * style.lineHeight,
    paint: (page, x, top) => {
      drawRows(page, set, x + indent + swatch, top - style.spaceBefore);
      if (line.urgency) paintUrgencySwatch(page, line.urgency, style, x + indent + swatch, top - style.spaceBefore);
    },
  };
}

const hasImage = (glance: PacketGlance) => Boolean(glance.image?.png && glance.image.width && glance.image.height);

/** The height of a glance's lines set in a text column of a width. */
function linesHeight(fonts: PacketFonts, glance: PacketGlance, width: number): number {
  return glance.lines.reduce((sum, line) => sum + setLine(fonts, line, width).height, 0);
}

/**
 * The side of each glance's image box: as large as page 1 allows them all, within MIN_SIDE..MAX_SIDE.
 * A glance without an image (a lesion nobody drew on) takes the height of its text, not an image's:
 * counting it as one shrank every key image by a third for a lesion with nothing to show.
 */
function imageSide(flow: PageFlow, fonts: PacketFonts, glances: readonly PacketGlance[]): number {
  const imaged = glances.filter(hasImage).length;
  if (imaged === 0) return MAX_SIDE;
  // Set in the narrowest column any side leaves: the most the text-only glances can need.
  const textOnly = glances.filter((g) => !hasImage(g)).reduce((sum, g) => sum + GAP + linesHeight(fonts, g, flow.contentWidth - MAX_SIDE - GUTTER), 0);
  const each = (flow.remaining - textOnly) / imaged - GAP - 2 * LINE_STYLES.small.lineHeight;
  return Math.max(MIN_SIDE, Math.min(MAX_SIDE, Math.floor(each)));
}

/**
 * Draws each lesion at a glance at the flow's cursor: its key image on the left, as large as page 1
 * allows for all of them, with the caption under it, and its lines (urgency label, reasons, worst
 * case) in a column on the right; a glance moves to the next page whole.
 */
export async function drawGlances(doc: PDFDocument, flow: PageFlow, fonts: PacketFonts, glances: readonly PacketGlance[]): Promise<void> {
  if (glances.length === 0) return;
  const side = imageSide(flow, fonts, glances);
  for (const glance of glances) {
    const png = hasImage(glance) ? glance.image : null;
    const embedded: PDFImage | null = png ? await doc.embedPng(png.png!) : null;
    const scale = png ? Math.min(side / png.width!, side / png.height!) : 0;
    const [w, h] = png ? [png.width! * scale, png.height! * scale] : [side, 0];
    const caption = setText(fonts, png ? LINE_STYLES.small : LINE_STYLES.emphasis, glance.caption, side);
    const left = (h > 0 ? h + CAPTION_GAP : 0) + caption.rows.length * caption.style.lineHeight;
    const textWidth = flow.contentWidth - side - GUTTER;
    const lines = glance.lines.map((line) => setLine(fonts, line, textWidth));
    const right = lines.reduce((sum, l) => sum + l.height, 0);
    flow.space(GAP);
    const { page, top } = flow.reserve(Math.max(left, right));
    const x = flow.left;
    if (embedded) {
      page.drawImage(embedded, { x, y: top - h, width: w, height: h });
      page.drawRectangle({ x, y: top - h, width: w, height: h, borderColor: RULE, borderWidth: 0.5 });
    }
    drawRows(page, caption, x, h > 0 ? top - h - CAPTION_GAP : top);
    let y = top;
    for (const line of lines) {
      line.paint(page, x + side + GUTTER, y);
      y -= line.height;
    }
  }
}
