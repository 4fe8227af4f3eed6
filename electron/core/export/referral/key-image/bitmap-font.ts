import { fillRect, setPixel, type Rgb, type RgbImage } from './raster';

// A 5x7 pixel font (the classic character-LCD glyphs) for text burned into key images, where no
// font engine is at hand. Each glyph is five columns, left to right; bit 0 is the top row.
// Lower case is drawn as upper case; a character without a glyph is drawn as "?".
const GLYPHS: Readonly<Record<string, string>> = {
  ' ': '0000000000', '!': '00005f0000', '#': '147f147f14', '%': '2313086462', "'": '0005030000',
  '(': '001c224100', ')': '0041221c00', '*': '082a1c2a08', '+': '08083e0808', ',': '0050300000',
  '-': '0808080808', '.': '0060600000', '/': '2010080402', ':': '0036360000', '<': '0814224100',
  '=': '1414141414', '>': '0041221408', '?': '0201510906', '[': '007f414100', ']': '0041417f00',
  '^': '0402010204', '_': '4040404040',
  '0': '3e5149453e', '1': '00427f4000', '2': '4261514946', '3': '2141454b31', '4': '1814127f10',
  '5': '2745454539', '6': '3c4a494930', '7': '0171090503', '8': '3649494936', '9': '064949291e',
  A: '7c1211127c', B: '7f49494936', C: '3e41414122', D: '7f4141221c', E: '7f49494941',
  F: '7f09090901', G: '3e4149497a', H: '7f0808087f', I: '00417f4100', J: '2040413f01',
  K: '7f08142241', L: '7f40404040', M: '7f020c027f', N: '7f0408107f', O: '3e4141413e',
  P: '7f09090906', Q: '3e4151215e', R: '7f09192946', S: '4649494931', T: '01017f0101',
  U: '3f4040403f', V: '1f2040201f', W: '3f4038403f', X: '6314081463', Y: '0708700807',
  Z: '6151494543',
};

/** Width of one character cell at scale 1 (5 pixels and 1 of spacing). */
export const CELL_WIDTH = 6;
/** Height of one character cell at scale 1 (7 pixels and 1 of spacing). */
export const CELL_HEIGHT = 8;

/** The text as the font can draw it: accents stripped, upper case. */
export function fontText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/**
 * Draws text with its top-left corner at (x, y), on a filled background box so that it stays
 * legible over any image.
 * @param scale - pixels per font pixel
 */
export function drawText(image: RgbImage, x: number, y: number, text: string, color: Rgb, scale: number, background: Rgb | null): void {
  const chars = [...fontText(text)];
  if (background) fillRect(image, x - scale, y - scale, chars.length * CELL_WIDTH * scale + scale, CELL_HEIGHT * scale + scale, background);
  chars.forEach((ch, i) => {
    const hex = GLYPHS[ch] ?? GLYPHS['?']!;
    for (let col = 0; col < 5; col++) {
      const bits = parseInt(hex.slice(col * 2, col * 2 + 2), 16);
      for (let row = 0; row < 7; row++) {
        if (!(bits & (1 << row))) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) setPixel(image, x + (i * CELL_WIDTH + col) * scale + dx, y + row * scale + dy, color);
        }
      }
    }
  });
}

/** How wide a text is drawn, in pixels. */
export function textWidth(text: string, scale: number): number {
  return [...fontText(text)].length * CELL_WIDTH * scale;
}
