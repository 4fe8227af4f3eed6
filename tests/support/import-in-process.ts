// A child process for import tests that need another account (files this one cannot read): opens
// the data folder, imports the sources named after it, and prints the report as JSON.
import { openDatabase } from '../../electron/core/db/open-database';
import { runImport } from '../../electron/core/importer/run-import';

const [dataDir, ...sources] = process.argv.slice(2);
const db = openDatabase(dataDir!);
try {
  process.stdout.write(`${JSON.stringify(await runImport(db, sources))}\n`);
} finally {
  db.close();
}
