import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packager } from '@electron/packager';
import { packagerOptions } from './packager-options';
import { applySecurityFuses } from './security-fuses';

/**
 * `npm run package`: the built app (out/) into a platform folder under dist/, asar-packed, with
 * resources/ beside it and the security fuses flipped. Run on a machine that can download
 * Electron (not the CI machines).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const appPaths = await packager(packagerOptions(root));

for (const appPath of appPaths) {
  const name = 'bonemet-review';
  const binary = process.platform === 'darwin' ? path.join(appPath, `${name}.app`) : path.join(appPath, process.platform === 'win32' ? `${name}.exe` : name);
  await applySecurityFuses(binary);
  console.log(`packaged ${appPath} (security fuses set)`);
}
