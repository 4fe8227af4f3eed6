import path from 'node:path';
import type { Options } from '@electron/packager';

/** Only what the packaged app runs goes into its asar: the build output, its manifest and production node_modules. */
const SHIPPED = /^\/(out|package\.json|node_modules)(\/|$)/;

/**
 * The @electron/packager options of `npm run package`: asar-packed, resources/ beside the asar
 * (process.resourcesPath/resources: the window icon, the fonts' licence), and the app icon
 * (icon.icns on macOS, icon.ico on Windows; Linux takes the window's PNG).
 * @param root - the repository root
 */
export function packagerOptions(root: string): Options {
  return {
    dir: root,
    out: path.join(root, 'dist'),
    overwrite: true,
    prune: true,
    // better-sqlite3's native addon cannot be loaded from inside an asar archive.
    asar: { unpack: '**/*.node' },
    ignore: (file: string) => file !== '' && !SHIPPED.test(file),
    extraResource: [path.join(root, 'resources')],
    // Without an extension: the packager takes the one the target platform needs.
    icon: path.join(root, 'resources', 'icon'),
  };
}
