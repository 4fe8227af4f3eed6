// A child process for tests of a data folder opened by several processes at once (the app and
// the CLI, two CLI commands): opens it as every door does, then prints "opened" or the error.
import { openDatabase } from '../../electron/core/db/open-database';

try {
  openDatabase(process.argv[2]!).close();
  process.stdout.write('opened\n');
} catch (error) {
  process.stdout.write(`failed: ${(error as Error).message}\n`);
}
