import fs from 'node:fs';
import path from 'node:path';
import { backupDir } from './backups';
import { DATABASE_FILE } from './open-database';

/** The database and its WAL companions: they move together or not at all. */
const DATABASE_FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];

function move(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/**
 * Moves the database and its backups from the folder an earlier version used into `dataDir`,
 * when `dataDir` has no database yet and the earlier folder has one (the Electron app used to keep
 * them in Electron's userData folder, ~/.config/bonemet-review, which the CLI never opened). Imported files, the demo study and uploads stay where they are: the index points
 * at them there. Run before the database is opened.
 * @returns the paths moved, empty when there was nothing to do
 */
export function adoptEarlierDataFolder(earlierDir: string, dataDir: string): string[] {
  if (path.resolve(earlierDir) === path.resolve(dataDir)) return [];
  if (fs.existsSync(path.join(dataDir, DATABASE_FILE)) || !fs.existsSync(path.join(earlierDir, DATABASE_FILE))) return [];
  fs.mkdirSync(dataDir, { recursive: true });
  const moved: string[] = [];
  for (const name of DATABASE_FILES) {
    const from = path.join(earlierDir, name);
    if (!fs.existsSync(from)) continue;
    move(from, path.join(dataDir, name));
    moved.push(path.join(dataDir, name));
  }
  const earlierBackups = backupDir(earlierDir);
  if (fs.existsSync(earlierBackups) && !fs.existsSync(backupDir(dataDir))) {
    move(earlierBackups, backupDir(dataDir));
    moved.push(backupDir(dataDir));
  }
  return moved;
}
