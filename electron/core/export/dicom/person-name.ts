/**
 * A PN value (PS3.5 6.2.1) from a name as a reader typed it: "Anna Berg" -> "Berg^Anna" (the last
 * word taken as the family name). A value that already has components is kept as it is.
 */
export function personName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes('^')) return trimmed;
  const words = trimmed.split(/\s+/).filter(Boolean);
  if (words.length < 2) return trimmed;
  return `${words.at(-1)}^${words.slice(0, -1).join(' ')}`;
}
