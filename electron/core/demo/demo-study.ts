import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes the bundled demo study (the synthetic thigh CT phantom) into the data folder once,
 * and returns its folder for import.
 */
export async function loadDemoStudy(dataDir: string): Promise<string> {
  const folder = path.join(dataDir, 'demo-study');
  if (!fs.existsSync(path.join(folder, 'ground-truth.json'))) {
    const { generatePhantomStudy } = await import('../phantom/generate-phantom-study');
    fs.rmSync(folder, { recursive: true, force: true });
    await generatePhantomStudy({ outDir: folder });
  }
  return folder;
}
