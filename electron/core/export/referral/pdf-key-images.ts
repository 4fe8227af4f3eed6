import type { PDFDocument, PDFImage } from 'pdf-lib';
import type { PacketFonts } from './pdf-fonts';
import type { PageFlow } from './pdf-layout';
import { LINE_STYLES, RULE } from './pdf-styles';
import { drawPacketLine, drawRows, setText, type SetText } from './pdf-text';
import type { KeyImage } from './referral-packet';
import { keyImageCaption, type PacketLine } from './referral-sections';

const GAP = 14;
const CAPTION_GAP = 4;
const ROW_GAP = 6;
/** A lone image may take most of the width; side by side they share it. Heights are capped so an image and its caption fit a page. */
const MAX_HEIGHT = { single: 300, paired: 240 } as const;

/** One cell of the grid: an image scaled to fit, or none, and its caption. */
interface Cell {
  image: PDFImage | null;
  width: number;
  height: number;
  caption: SetText;
}

async function cell(doc: PDFDocument, fonts: PacketFonts, image: KeyImage, n: number, cellWidth: number, maxHeight: number): Promise<Cell> {
  const caption = keyImageCaption(image);
  // The caption of a missing image already begins "Key image not rendered": numbered, not repeated.
  const text = image.notRenderedReason ? caption.replace(/^Key image/, `Key image ${n}`) : `Key image ${n}: ${caption}`;
  if (!image.png || !image.width || !image.height) {
    // No picture: the reason stands in its place, set to be seen rather than as a footnote.
    return { image: null, width: cellWidth, height: 0, caption: setText(fonts, LINE_STYLES.emphasis, text, cellWidth) };
  }
  const embedded = await doc.embedPng(image.png);
  const scale = Math.min(cellWidth / image.width, maxHeight / image.height);
  return { image: embedded, width: image.width * scale, height: image.height * scale, caption: setText(fonts, LINE_STYLES.small, text, cellWidth) };
}

const cellHeight = (c: Cell) => (c.image ? c.height + CAPTION_GAP : 0) + c.caption.rows.length * c.caption.style.lineHeight;

/**
 * Draws a lesion's key images at the flow's cursor, one alone at up to the full width or two a
 * row, each with its caption below; a row moves to the next page whole, never split from its
 * caption, and the line introducing the images moves with the first row.
 * @param intro - the line introducing the images ("Key images"), or null
 */
export async function drawKeyImages(doc: PDFDocument, flow: PageFlow, fonts: PacketFonts, images: readonly KeyImage[], intro: PacketLine | null): Promise<void> {
  const columns = images.length === 1 ? 1 : 2;
  const cellWidth = (flow.contentWidth - GAP * (columns - 1)) / columns;
  const maxHeight = columns === 1 ? MAX_HEIGHT.single : MAX_HEIGHT.paired;
  const cells = await Promise.all(images.map((image, i) => cell(doc, fonts, image, i + 1, cellWidth, maxHeight)));
  const rows = Array.from({ length: Math.ceil(cells.length / columns) }, (_, r) => cells.slice(r * columns, (r + 1) * columns));
  const rowHeight = (row: Cell[]) => Math.max(...row.map(cellHeight));
  if (intro) {
    const style = LINE_STYLES[intro.style];
    flow.keepTogether(style.spaceBefore + setText(fonts, style, intro.text, flow.contentWidth).rows.length * style.lineHeight + ROW_GAP + (rows[0] ? rowHeight(rows[0]) : 0));
    drawPacketLine(flow, fonts, intro);
  }
  for (const row of rows) {
    flow.space(ROW_GAP);
    const { page, top } = flow.reserve(rowHeight(row));
    row.forEach((c, i) => {
      const x = flow.left + i * (cellWidth + GAP);
      if (c.image) {
        page.drawImage(c.image, { x, y: top - c.height, width: c.width, height: c.height });
        page.drawRectangle({ x, y: top - c.height, width: c.width, height: c.height, borderColor: RULE, borderWidth: 0.5 });
      }
      drawRows(page, c.caption, x, c.image ? top - c.height - CAPTION_GAP : top);
    });
  }
}
