import path from 'node:path';
import { AppError } from '@shared/errors';
import type { ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printable, printJson } from '../output';
import { waitForJob } from '../wait-for-job';

/** `import <path...>`: indexes files and folders, printing progress, then the report. */
export async function importCommand(args: ParsedArguments): Promise<void> {
  if (args.positionals.length === 0) throw new AppError('invalid_request', 'import needs at least one file or folder');
  const json = args.flags.has('json');
  const core = openCore(args);
  try {
    const { jobId } = await call(core, 'import.start', { paths: args.positionals.map((p) => path.resolve(p)) });
    const showProgress = !json && process.stderr.isTTY;
    const status = await waitForJob({
      status: (waitMs) => call(core, 'import.status', { jobId, waitMs }),
      cancel: () => call(core, 'import.cancel', { jobId }),
      progressLine: ({ progress }) => (showProgress ? `${progress.filesDone}/${progress.filesTotal} files, ${Math.round(progress.filesPerSecond)} files/s` : null),
    });
    if (status.state === 'failed' || !status.report) throw new AppError('internal', `Import failed: ${status.error ?? 'no report'}`);
    const report = status.report;
    if (json) {
      printJson({ ...report, state: status.state });
      return;
    }
    console.log(`${status.state === 'cancelled' ? 'Cancelled' : 'Imported'} in ${report.seconds.toFixed(2)} s: ${report.filesSeen} files seen, ${report.indexed} indexed, ${report.unchanged} unchanged, ${report.duplicates} duplicates, ${report.dicomdirs} DICOMDIR, ${report.reported.length} not indexed.`);
    console.log(`${report.patients} patients, ${report.studies} studies, ${report.series} series, ${report.instances} instances.`);
    for (const file of report.reported) console.log(`  not indexed: ${printable(file.path)}: ${printable(file.reason)}`);
    for (const file of report.duplicateFiles) console.log(`  duplicate: ${printable(file.path)}: SOP Instance UID ${file.sopInstanceUid}, indexed from ${printable(file.duplicateOf)}`);
  } finally {
    core.close();
  }
}
