/** A rate such as "123 files/s", or an empty string before there is one. */
export function formatRate(filesPerSecond: number): string {
  if (!(filesPerSecond > 0)) return '';
  return `${filesPerSecond >= 100 ? Math.round(filesPerSecond) : filesPerSecond.toFixed(1)} files/s`;
}
