import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packager } from '@electron/packager';
import { applySecurityFuses } from './security-fuses';

/**
 * `npm run package`: the built app (out/) into a platform folder under dist/, asar-packed, with
 * the security fuses flipped. Run on a machine that can download Electron (not the CI machines).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Only what the packaged app runs: the build output, its manifest and production node_modules.
const SHIPPED = /^\/(out|package\.json|node_modules)(\/|$)/;

const appPaths = await packager({
  dir: root,
  out: path.join(root, 'dist'),
  overwrite: true,
  prune: true,
  // better-sqlite3's native addon cannot be loaded from inside an asar archive.
  asar: { unpack: '**/*.node' },
  ignore: (file: string) => file !== '' && !SHIPPED.test(file),
});

for (const appPath of appPaths) {
  const name = 'bonemet-review';
  const binary = process.platform === 'darwin' ? path.join(appPath, `${name}.app`) : path.join(appPath, process.platform === 'win32' ? `${name}.exe` : name);
  await applySecurityFuses(binary);
  console.log(`packaged ${appPath} (security fuses set)`);
}
