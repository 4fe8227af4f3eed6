import type { SeriesStack } from './series-stack';

/**
 * The stacks of the series that stored records lie on: each distinct series loaded once, all of
 * them at the same time (a study's records span few series, and each load is a round trip).
 * @param records - the stored records (only their series UID is read)
 * @param load - loads one series' stack (loadSeriesStack)
 * @returns each series' stack, or null where it could not be loaded (no longer indexed, no image)
 */
export async function loadStacksOf(records: readonly { seriesInstanceUid: string }[], load: (seriesUid: string) => Promise<SeriesStack>): Promise<Map<string, SeriesStack | null>> {
  const series = [...new Set(records.map((record) => record.seriesInstanceUid))];
  const stacks = await Promise.all(series.map((uid) => load(uid).catch(() => null)));
  return new Map(series.map((uid, i) => [uid, stacks[i]!]));
}
