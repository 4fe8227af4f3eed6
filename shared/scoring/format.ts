/**
 * value.toFixed(digits), with more digits only where fewer would land it on or across a threshold it
 * is compared with: the fewest that keep it on its side of every one (50.04% at one decimal is
 * "50.04", never "50.0" beside "> 50%"). A value exactly on a threshold is shown as it.
 * @param value - the measured value
 * @param digits - the decimals it is shown with away from the thresholds
 * @param thresholds - every limit it is compared with, if any
 */
export function toFixedBeside(value: number, digits: number, thresholds: readonly number[]): string {
  if (!Number.isFinite(value)) return String(value);
  for (let shown = digits; shown <= 15; shown++) {
    const text = value.toFixed(shown);
    if (thresholds.every((threshold) => Math.sign(Number(text) - threshold) === Math.sign(value - threshold))) return text;
  }
  return String(value);
}

/**
 * A number as a reason shows it: at most two decimals, but never rounded onto or across a
 * threshold it is compared with (30.001 mm is shown as 30.001, not "30 mm > 30 mm"; 24.999 mm not as
 * "25 mm" beside ">= 25 mm, not met"; a 0.001% collapse not as "0%").
 * @param value - the measured value
 * @param thresholds - every limit it is compared with, if any
 */
export function formatNumber(value: number, ...thresholds: number[]): string {
  return Number.isFinite(value) ? String(Number(toFixedBeside(value, 2, thresholds))) : String(value);
}

/** "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
