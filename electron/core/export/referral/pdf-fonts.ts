import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { AppError } from '@shared/errors';

// The packet is set in DejaVu Sans because the standard PDF fonts (Helvetica...) only encode
// WinAnsi: a Cyrillic or Greek patient name would throw in pdf-lib. DejaVu Sans covers Latin,
// Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic letters and the symbols the scores use
// (>=, <=), but no CJK ideographs, kana or Hangul: those print as U+FFFD (a diamond with a
// question mark, also in the text layer) instead of failing or vanishing, so a reader sees that
// something is missing. Embedding a CJK font would add megabytes to every packet.

/** The two faces the packet uses, embedded (subset) in one document. */
export interface PacketFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * The files, and the names the fonts carry in the PDF. pdf-lib subsets but names the font
 * "DejaVuSans-1234"; PDF 32000-1 9.6.4 marks a subset with a six-letter tag and "+", which
 * viewers and preflight tools (pdffonts) read, so the tags are given here (one per subset).
 */
const FONT_FILES = {
  regular: { file: 'DejaVuSans.ttf', name: 'BMRAAA+DejaVuSans' },
  bold: { file: 'DejaVuSans-Bold.ttf', name: 'BMRAAB+DejaVuSans-Bold' },
} as const;
const REPLACEMENT = '\uFFFD';
const fontBytes = new Map<string, Uint8Array>();
const characterSets = new WeakMap<PDFFont, Set<number>>();

/** The font file's bytes, read once per process (about 700 kB each). */
function readFontFile(name: string): Uint8Array {
  let bytes = fontBytes.get(name);
  if (!bytes) {
    // Resolved like a module so that it works from the sources, the CLI bundle and the Electron build alike.
    const file = createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
    try {
      bytes = new Uint8Array(fs.readFileSync(file));
    } catch (error) {
      throw new AppError('internal', `The font ${name} for the referral PDF could not be read (${(error as Error).message}); reinstall the app.`, { cause: error });
    }
    fontBytes.set(name, bytes);
  }
  return bytes;
}

/** Embeds DejaVu Sans regular and bold into the document, as subsets of the glyphs the packet uses. */
export async function embedPacketFonts(doc: PDFDocument): Promise<PacketFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all(
    [FONT_FILES.regular, FONT_FILES.bold].map(({ file, name }) => doc.embedFont(readFontFile(file), { subset: true, customName: name })),
  );
  return { regular: regular!, bold: bold! };
}

function characterSet(font: PDFFont): Set<number> {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set;
}

/**
 * The text as the font can print it: control characters (tabs, line breaks from a free-text
 * note) become spaces, since pdf-lib would otherwise start new lines the layout did not
 * measure; characters the font lacks become U+FFFD, never a crash or a silent gap.
 */
export function printableText(text: string, font: PDFFont): string {
  const glyphs = characterSet(font);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (/\p{Cc}/u.test(ch)) out += ' ';
    else out += glyphs.has(code) ? ch : REPLACEMENT;
  }
  return out;
}
