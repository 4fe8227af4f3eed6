import fs from 'node:fs';
import path from 'node:path';
import { readManifest } from '../../support/manifest';
import { SHARED_DICOM } from '../../support/paths';
import type { SeededRandom } from '../../support/seeded-random';
import { mapDicomLayout } from '../../support/dicom-layout';
import type { FuzzSource } from './dicom-mutations';

/** Files of one long series add sizes, not structures: a few of each are enough to mutate. */
const PER_SERIES_FOLDER = 3;

/**
 * The Part 10 files of ../shared/dicom that dicom-parser maps whole, to mutate: every kind of
 * file in the manifest (syntaxes, sequences, DICOMDIRs, multi-frame), a few slices of each series.
 */
export function loadFuzzSources(): FuzzSource[] {
  const perFolder = new Map<string, number>();
  const sources: FuzzSource[] = [];
  for (const row of readManifest()) {
    if (row.category === 'ct-series' || row.category === 'mr-series') {
      const taken = perFolder.get(row.category) ?? 0;
      if (taken >= PER_SERIES_FOLDER) continue;
      perFolder.set(row.category, taken + 1);
    }
    const bytes = new Uint8Array(fs.readFileSync(path.join(SHARED_DICOM, row.path)));
    const hasPreamble = bytes.length > 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
    if (!hasPreamble) continue;
    try {
      sources.push({ name: row.path, bytes, layout: mapDicomLayout(bytes) });
    } catch {
      // Broken already (truncated, unreadable DICOMDIR): the manifest's own test covers it.
    }
  }
  return sources;
}

/** Above this size a file is mostly pixel data. */
const LARGE_FILE_BYTES = 256 * 1024;

/**
 * Draws a source; a large one a quarter as often as a small one, since its header is like the
 * small files' and its pixel bytes cost disk time in every mutant written.
 * @param sources - what loadFuzzSources returned
 * @param rng - the mutant's own random stream
 */
export function pickSource(sources: readonly FuzzSource[], rng: SeededRandom): FuzzSource {
  const first = rng.pick(sources);
  return first.bytes.length > LARGE_FILE_BYTES && rng.chance(0.75) ? rng.pick(sources) : first;
}
