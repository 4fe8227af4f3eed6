import { fitUtf8Bytes } from './fit-bytes';

/** The most a PN component group holds (PS3.5 Table 6.2-1), counted in UTF-8 bytes as dciodvfy counts it. */
const PN_GROUP_BYTES = 64;

/**
 * A PN value (PS3.5 6.2.1) from a name as a reader typed it: "Anna Berg" -> "Berg^Anna" (the last
 * word taken as the family name). A value that already has components is kept as it is. A name
 * longer than a PN holds (a reader's name may be 200 characters) keeps its family name and as much
 * of the given names as fits, rather than making the export fail.
 */
export function personName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes('^')) return fitUtf8Bytes(trimmed, PN_GROUP_BYTES);
  const words = trimmed.split(/\s+/).filter(Boolean);
  if (words.length < 2) return fitUtf8Bytes(trimmed, PN_GROUP_BYTES);
  const family = fitUtf8Bytes(words.at(-1)!, PN_GROUP_BYTES - 1);
  const given = fitUtf8Bytes(words.slice(0, -1).join(' '), PN_GROUP_BYTES - Buffer.byteLength(`${family}^`, 'utf8')).trim();
  return given ? `${family}^${given}` : family;
}
