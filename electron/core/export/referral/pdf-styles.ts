import { rgb, type RGB } from 'pdf-lib';
import type { UrgencyLevel } from '@shared/scoring/urgency-level';
import type { PacketLine } from './referral-sections';

// How the packet looks on paper. Sizes are in PDF points (1/72 inch).

/** A4 portrait, with the bottom margin holding the footer. */
export const A4 = { width: 595.28, height: 841.89, margin: { top: 48, right: 48, bottom: 64, left: 48 } } as const;

/** How far one indentation level moves a line right. */
export const INDENT = 14;

/** How one style of line is set. */
export interface LineStyle {
  face: 'regular' | 'bold';
  size: number;
  color: RGB;
  /** Distance between baselines. */
  lineHeight: number;
  /** Extra space above the line; dropped at the top of a page. */
  spaceBefore: number;
}

const INK = rgb(0.08, 0.08, 0.1);
const ACCENT = rgb(0.07, 0.22, 0.42);
/** Grey for sources and notes: secondary, yet dark enough to read on a photocopy. */
export const MUTED = rgb(0.33, 0.33, 0.36);
/** Rules under headings and above the footer. */
export const RULE = rgb(0.72, 0.75, 0.8);

const style = (face: LineStyle['face'], size: number, color: RGB, spaceBefore: number): LineStyle => ({ face, size, color, lineHeight: Math.round(size * 1.32 * 10) / 10, spaceBefore });

/** Every line style of referral-sections, set for paper. */
export const LINE_STYLES: Readonly<Record<PacketLine['style'], LineStyle>> = {
  title: style('bold', 18, INK, 0),
  heading: style('bold', 13, ACCENT, 12),
  subheading: style('bold', 10.5, ACCENT, 7),
  body: style('regular', 9.5, INK, 0),
  emphasis: style('bold', 9.5, INK, 1),
  small: style('regular', 7.5, MUTED, 0),
  urgency: style('bold', 12, rgb(1, 1, 1), 4),
};

/**
 * The colour of each urgency, as a label's fill and its text. Red to amber follows the usual
 * triage colours; the level is always written out too, since colour alone does not survive a
 * black-and-white printer or a colour-blind reader.
 */
export const URGENCY_COLOURS: Readonly<Record<UrgencyLevel, { fill: RGB; text: RGB }>> = {
  emergency: { fill: rgb(0.75, 0.04, 0.04), text: rgb(1, 1, 1) },
  urgent: { fill: rgb(0.86, 0.36, 0.02), text: rgb(1, 1, 1) },
  'surgical-opinion': { fill: rgb(0.98, 0.76, 0.18), text: INK },
  routine: { fill: rgb(0.36, 0.55, 0.4), text: rgb(1, 1, 1) },
};
