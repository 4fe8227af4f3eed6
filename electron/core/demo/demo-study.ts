import fs from 'node:fs';
import path from 'node:path';
import { demoPhantomParameters } from './demo-parameters';

/**
 * Writes the bundled demo study (the synthetic thigh CT phantom, made with the parameters of
 * resources/demo-phantom.json) into the data folder once, and
 * returns its image folder for import. The ground truth is kept beside that folder, not in it,
 * so that the demo's import report lists no file it could not index.
 */
export async function loadDemoStudy(dataDir: string): Promise<string> {
  const folder = path.join(dataDir, 'demo-study');
  const images = path.join(folder, 'images');
  const truth = path.join(folder, 'ground-truth.json');
  if (!fs.existsSync(truth)) {
    const { generatePhantomStudy, GROUND_TRUTH_FILE } = await import('../phantom');
    fs.rmSync(folder, { recursive: true, force: true });
    const { about: _about, ...parameters } = demoPhantomParameters();
    await generatePhantomStudy({ ...parameters, outDir: images });
    fs.renameSync(path.join(images, GROUND_TRUTH_FILE), truth);
  }
  return images;
}
