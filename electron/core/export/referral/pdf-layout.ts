import type { PDFDocument, PDFPage } from 'pdf-lib';

/** The width of a text as it will be drawn, in points. */
export type Measure = (text: string) => number;

/** Page size and margins in points. */
export interface PageGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** The prefix of a word that fits a width: at least one character, so that wrapping always advances. */
function fittingPrefix(word: string, maxWidth: number, measure: Measure): string {
  const chars = [...word];
  let n = 1;
  while (n < chars.length && measure(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
  return chars.slice(0, n).join('');
}

/** Words with the spaces before each; only plain spaces separate words, so a no-break space holds. */
function words(text: string, leadingGap: string): { gap: string; word: string }[] {
  const parts = text.split(/( +)/);
  return parts.flatMap((word, i) => (i % 2 === 0 && word ? [{ gap: i === 0 ? leadingGap : parts[i - 1]!, word }] : []));
}

/** Adds words to the lines, filling `current` first; a word wider than a line is cut between characters. */
function placeWords(items: { gap: string; word: string }[], current: string, lines: string[], maxWidth: number, measure: Measure): string {
  for (const { gap, word: whole } of items) {
    if (current && measure(current + gap + whole) <= maxWidth) {
      current += gap + whole;
      continue;
    }
    if (current) lines.push(current);
    let word = whole;
    while (measure(word) > maxWidth) {
      const head = fittingPrefix(word, maxWidth, measure);
      lines.push(head);
      word = word.slice(head.length);
    }
    current = word;
  }
  return current;
}

/**
 * Breaks a text into lines no wider than maxWidth. Fields set apart by two or more spaces
 * ("Nature: lytic    Status: final") break between fields first, so that a label stays with
 * its value; a field too wide for a line breaks at spaces, and a word too wide (a UID) between
 * characters rather than running off the page. Spaces at a break are dropped.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const parts = text.replace(/^ +| +$/g, '').split(/( {2,})/);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < parts.length; i += 2) {
    const field = parts[i]!;
    const gap = i > 0 ? parts[i - 1]! : '';
    if (current && measure(current + gap + field) <= maxWidth) current += gap + field;
    else if (measure(field) <= maxWidth) {
      if (current) lines.push(current);
      current = field;
    } else current = placeWords(words(field, gap), current, lines, maxWidth, measure);
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Places blocks down the pages of a document, top to bottom, starting a new page when a block
 * does not fit below the last one. Coordinates are pdf-lib's: origin at the bottom left.
 */
export class PageFlow {
  readonly pages: PDFPage[] = [];
  /** Called on a new page started because a block overflowed (not on an explicit new page): draws a "continued" line. */
  onOverflow: (() => void) | null = null;
  private cursor = 0;
  private empty = true;

  constructor(
    private readonly doc: PDFDocument,
    readonly geometry: PageGeometry,
  ) {}

  /** The page being filled (a first one is started on demand). */
  get page(): PDFPage {
    return this.pages.at(-1) ?? this.newPage();
  }

  get left(): number {
    return this.geometry.margin.left;
  }

  get contentWidth(): number {
    return this.geometry.width - this.geometry.margin.left - this.geometry.margin.right;
  }

  /** The height a block may have: a taller one could never fit and is the caller's to shrink. */
  get contentHeight(): number {
    return this.geometry.height - this.geometry.margin.top - this.geometry.margin.bottom;
  }

  /** How much room is left below the cursor on the current page. */
  get remaining(): number {
    return this.cursor - this.geometry.margin.bottom;
  }

  /** Starts a new page, unless the current one is still empty. */
  newPage(): PDFPage {
    const current = this.pages.at(-1);
    if (current && this.empty) return current;
    const page = this.doc.addPage([this.geometry.width, this.geometry.height]);
    this.pages.push(page);
    this.cursor = this.geometry.height - this.geometry.margin.top;
    this.empty = true;
    return page;
  }

  /** Vertical space before the next block, dropped at the top of a page where it would only waste room. */
  space(height: number): void {
    if (!this.empty) this.cursor -= height;
  }

  /** Breaks the page now unless `height` still fits: keeps a heading with what follows it. */
  keepTogether(height: number): void {
    if (!this.empty && height > this.remaining) this.overflow();
  }

  /**
   * Takes `height` points for a block, on a new page when it does not fit.
   * @returns the page and the y of the block's top edge
   */
  reserve(height: number): { page: PDFPage; top: number } {
    if (!this.empty && height > this.remaining) this.overflow();
    const page = this.page;
    const top = this.cursor;
    this.cursor -= height;
    this.empty = false;
    return { page, top };
  }

  private overflow(): void {
    this.newPage();
    const onOverflow = this.onOverflow;
    // Unset while it runs: the continuation line is itself a block and must not recurse.
    this.onOverflow = null;
    onOverflow?.();
    this.onOverflow = onOverflow;
  }
}
