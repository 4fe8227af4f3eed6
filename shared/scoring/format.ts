/**
 * A number as a reason shows it: at most two decimals, but never rounded onto a
 * threshold it is not (30.001 mm is shown as 30.001, not "30 mm > 30 mm"; 24.999 mm not as
 * "25 mm" beside ">= 25 mm, not met"; a 0.001% collapse not as "0%").
 * @param value - the measured value
 * @param thresholds - every limit it is compared with, if any
 */
export function formatNumber(value: number, ...thresholds: number[]): string {
  const rounded = Math.round(value * 100) / 100;
  if (thresholds.some((threshold) => rounded === threshold && value !== threshold)) return String(value);
  return String(rounded);
}

/** "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
