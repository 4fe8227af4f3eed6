import type { PDFFont, PDFPage } from 'pdf-lib';
import { printableText, type PacketFonts } from './pdf-fonts';
import { wrapText, type PageFlow } from './pdf-layout';
import { INDENT, LINE_STYLES, RULE, URGENCY_COLOURS, type LineStyle } from './pdf-styles';
import type { PacketLine } from './referral-sections';

/** A text wrapped for one style and width: the rows to draw and the font they were measured with. */
export interface SetText {
  rows: string[];
  font: PDFFont;
  style: LineStyle;
  /** Width of the widest row. */
  width: number;
}

/** Wraps a text to a width in a line style, after replacing what the font cannot print. */
export function setText(fonts: PacketFonts, style: LineStyle, text: string, width: number): SetText {
  const font = fonts[style.face];
  const measure = (t: string) => font.widthOfTextAtSize(t, style.size);
  const rows = wrapText(printableText(text, font), width, measure);
  return { rows, font, style, width: Math.max(...rows.map(measure)) };
}

/** Draws set rows with the first row's box top at `top`. */
export function drawRows(page: PDFPage, set: SetText, x: number, top: number, color = set.style.color): void {
  const { style, font } = set;
  // The baseline sits one font size below the top; the rest of the line height is room for descenders.
  set.rows.forEach((row, i) => page.drawText(row, { x, y: top - style.size - i * style.lineHeight, size: style.size, font, color }));
}

const LABEL_PADDING = 4;

/** An urgency label set for a width: its text and its height. */
export function setUrgencyLabel(fonts: PacketFonts, text: string, width: number): { set: SetText; height: number } {
  const set = setText(fonts, LINE_STYLES.urgency, text, width - 2 * LABEL_PADDING);
  return { set, height: set.rows.length * set.style.lineHeight + 2 * LABEL_PADDING };
}

/** Paints a set urgency label with its box's top-left corner at (x, top), in the level's colour. */
export function paintUrgencyLabel(page: PDFPage, label: { set: SetText; height: number }, level: PacketLine['urgency'], x: number, top: number): void {
  const colours = URGENCY_COLOURS[level ?? 'routine'];
  page.drawRectangle({ x, y: top - label.height, width: label.set.width + 2 * LABEL_PADDING, height: label.height, color: colours.fill });
  drawRows(page, label.set, x + LABEL_PADDING, top - LABEL_PADDING - 1, colours.text);
}

/** The urgency as a filled label in the level's colour, sized to its text. */
function drawUrgencyLabel(flow: PageFlow, fonts: PacketFonts, line: PacketLine, x: number, width: number): void {
  const label = setUrgencyLabel(fonts, line.text, width);
  const { page, top } = flow.reserve(label.height + 3);
  paintUrgencyLabel(page, label, line.urgency, x, top);
}

/** The square swatch of an urgency before a line that states one, so that it stands out in a list. */
export function paintUrgencySwatch(page: PDFPage, level: NonNullable<PacketLine['urgency']>, style: LineStyle, x: number, top: number): void {
  const side = style.size * 0.7;
  page.drawRectangle({ x: x - side - 4, y: top - style.size + 0.5, width: side, height: side, color: URGENCY_COLOURS[level].fill });
}

/**
 * Draws one line of the packet at the flow's cursor, wrapped to the content width: headings
 * with a rule under them and kept with what follows, the urgency as a coloured label, and a
 * colour swatch before any other line that states an urgency.
 */
export function drawPacketLine(flow: PageFlow, fonts: PacketFonts, line: PacketLine): void {
  const style = LINE_STYLES[line.style];
  const x = flow.left + (line.indent ?? 0) * INDENT;
  const width = flow.contentWidth - (line.indent ?? 0) * INDENT;
  flow.space(style.spaceBefore);
  if (line.style === 'urgency') return drawUrgencyLabel(flow, fonts, line, x, width);
  const set = setText(fonts, style, line.text, width);
  const heading = line.style === 'heading' || line.style === 'subheading';
  // A heading alone at the foot of a page says nothing: keep it with about three lines of what follows.
  if (heading) flow.keepTogether(set.rows.length * style.lineHeight + 3 * LINE_STYLES.body.lineHeight);
  const rule = line.style === 'heading' ? 4 : 0;
  const { page, top } = flow.reserve(set.rows.length * style.lineHeight + rule);
  drawRows(page, set, x, top);
  if (rule) {
    const y = top - set.rows.length * style.lineHeight - 1;
    page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.6, color: RULE });
  }
  if (line.urgency) paintUrgencySwatch(page, line.urgency, style, x, top);
}
