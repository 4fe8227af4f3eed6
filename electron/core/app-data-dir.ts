import os from 'node:os';
import path from 'node:path';

/** The product name, as Electron names the per-user data folder after it. */
export const APP_NAME = 'BoneMet Review';

/**
 * Where the database and app files live: BONEMET_DATA_DIR when set, else the per-user
 * application data folder Electron would use (so the CLI and the app share one index).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BONEMET_DATA_DIR) return path.resolve(env.BONEMET_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
