import { toErrorShape } from '../../shared/errors';
import { parseArguments } from './arguments';
import { importCommand } from './commands/import-command';
import { serveCommand } from './commands/serve-command';
import { seriesCommand, studiesCommand } from './commands/study-commands';

const USAGE = `Usage: npm run bonemet -- <command> [options]

Commands:
  import <path...>        index DICOM files and folders (DICOMDIR followed); unchanged files are skipped
  studies [text]          list studies, optionally matching a name, ID, accession or description
  series <studyUID>       list the series of a study
  serve                   the browser mode on 127.0.0.1 (first line of output: the URL with its token)

Options:
  --data-dir DIR          the data folder (default: BONEMET_DATA_DIR, else the per-user app data folder)
  --json                  machine-readable output
  --port N, --no-open, --root DIR    for serve`;

const commands: Record<string, (args: ReturnType<typeof parseArguments>) => Promise<void>> = {
  import: importCommand,
  studies: studiesCommand,
  series: seriesCommand,
  serve: serveCommand,
};

async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (!args.command || args.command === 'help' || args.flags.has('help')) {
    console.log(USAGE);
    return args.command ? 0 : 2;
  }
  const command = commands[args.command];
  if (!command) {
    console.error(`Unknown command: ${args.command}\n\n${USAGE}`);
    return 2;
  }
  await command(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const shape = toErrorShape(error);
    console.error(`bonemet: ${shape.message}`);
    process.exit(shape.code === 'invalid_request' ? 2 : 1);
  },
);
